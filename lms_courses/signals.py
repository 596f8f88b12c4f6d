"""The signal other apps listen to when a learner makes progress.

``progress_recorded`` is sent (by ``lms_courses.progress.record_progress``) once the
transaction that recorded the progress commits, with ``user_id`` and ``kind``:
"lesson" (a lesson ticked), "quiz" (a quiz result saved), "attendance" (a class left,
a check-in or a correction) or "project" (a final project marked). The app that owns
the record sends it; fixtures (raw saves) send nothing.
"""

from django.dispatch import Signal

progress_recorded = Signal()
