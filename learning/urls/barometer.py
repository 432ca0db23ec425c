"""Social Barometer: the staff's bank, decks and live sessions; the phones' public /join/ pages."""

from django.urls import path

from learning.views import barometer, join

urlpatterns = [
    # Public: phones, no account.
    path("join/", join.join, name="join"),
    path("join/<str:code>/", join.join_session, name="join_session"),
    path("join/<str:code>/state.json", join.join_state, name="join_state"),
    path("join/<str:code>/vote.json", join.join_vote, name="join_vote"),
    # Staff: the statement bank and decks.
    path("learning/barometer/statements/", barometer.statement_list, name="barometer_statements"),
    path(
        "learning/barometer/statements/new/",
        barometer.statement_add,
        name="barometer_statement_add",
    ),
    path(
        "learning/barometer/statements/<int:pk>/edit/",
        barometer.statement_edit,
        name="barometer_statement_edit",
    ),
    path("learning/barometer/decks/", barometer.deck_list, name="barometer_decks"),
    path("learning/barometer/decks/new/", barometer.deck_add, name="barometer_deck_add"),
    path("learning/barometer/decks/<int:pk>/", barometer.deck_detail, name="barometer_deck"),
    path(
        "learning/barometer/decks/<int:pk>/add/",
        barometer.deck_add_statement,
        name="barometer_deck_add_statement",
    ),
    # Staff: live sessions in a training.
    path("trainings/<int:pk>/barometer/", barometer.training_barometer, name="barometer_training"),
    path(
        "trainings/<int:pk>/barometer/start/",
        barometer.session_start,
        name="barometer_session_start",
    ),
    path(
        "learning/barometer/sessions/<int:pk>/",
        barometer.session_control,
        name="barometer_session",
    ),
    path(
        "learning/barometer/sessions/<int:pk>/projector/",
        barometer.session_projector,
        name="barometer_projector",
    ),
    path(
        "learning/barometer/sessions/<int:pk>/tally.json",
        barometer.session_tally,
        name="barometer_tally",
    ),
    path(
        "learning/barometer/sessions/<int:pk>/end/",
        barometer.session_end,
        name="barometer_session_end",
    ),
    path(
        "learning/barometer/sessions/<int:pk>/rounds/open/",
        barometer.round_open,
        name="barometer_round_open",
    ),
    path(
        "learning/barometer/rounds/<int:pk>/close/",
        barometer.round_close,
        name="barometer_round_close",
    ),
    path(
        "learning/barometer/rounds/<int:pk>/reveal/",
        barometer.round_reveal,
        name="barometer_round_reveal",
    ),
    path(
        "learning/barometer/rounds/<int:pk>/notes/",
        barometer.round_notes,
        name="barometer_round_notes",
    ),
    path(
        "learning/barometer/rounds/<int:pk>/room/",
        barometer.round_room_counts,
        name="barometer_round_room",
    ),
]
