"""The learning app's models, one module per activity in the room."""

from learning.models.barometer import *  # noqa: F403
from learning.models.evaluations import *  # noqa: F403
from learning.models.knowledge import *  # noqa: F403
from learning.models.plans import *  # noqa: F403
