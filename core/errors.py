"""The one shape of a refusal a service raises: the reason, already translated, for the user.

Views catch the specific subclass (RegistrationRefused, VoteRefused, …) and show `message`;
nothing has been written when one is raised (STYLE.md: errors).
"""


class Refused(Exception):
    """A write the rules do not allow; `message` tells the person why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
