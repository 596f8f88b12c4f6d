"""Mutes live on the session's row; sessions muted before that keep their mutes."""

import importlib

from django.apps import apps

from lms_live.models import LiveEvent, LiveSession

carry_over = importlib.import_module(
    "lms_live.migrations.0006_muted_on_the_session"
).mute_as_the_events_say


def test_mutes_recorded_as_events_carry_over_to_the_session(
    live_session, enrolled, classmate, trainer
):
    for sequence, (user, muted) in enumerate(
        [(enrolled, True), (classmate, True), (classmate, False)], start=1
    ):
        LiveEvent.objects.create(
            session=live_session,
            sequence=sequence,
            kind="muted",
            author=trainer,
            payload={"user": user.pk, "muted": muted},
        )
    carry_over(apps, None)
    assert LiveSession.objects.get(pk=live_session.pk).muted == [enrolled.pk]
