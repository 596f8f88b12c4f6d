"""What background work needs to be safe: outgoing email, schedule slots, heartbeats."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """One email, rendered in its recipient's language, waiting for or past delivery.

    The delivery task locks this row and checks ``sent_at``, so running it twice, or
    in two workers at once, sends the email once.
    """

    to = models.EmailField(_("to"))
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML"), blank=True)
    template = models.CharField(_("template"), max_length=200)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    gave_up_at = models.DateTimeField(_("gave up"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["sent_at", "created_at"])]

    def __str__(self):
        return f"{self.subject} → {self.to}"


class ScheduledRun(models.Model):
    """A scheduled job's slot, claimed once: two schedulers never enqueue it twice."""

    job = models.CharField(_("job"), max_length=100)
    slot = models.DateTimeField(_("slot"))
    enqueued_at = models.DateTimeField(_("enqueued"), auto_now_add=True)
    task_result_id = models.CharField(_("task"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        ordering = ["-slot"]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "slot"], name="background_one_run_per_slot"
            )
        ]

    def __str__(self):
        return f"{self.job} @ {self.slot:%Y-%m-%d %H:%M}"


class WorkerHeartbeat(models.Model):
    """A worker process says it is alive; a silent worker's task is run again."""

    worker_id = models.CharField(_("worker"), max_length=64, unique=True)
    hostname = models.CharField(_("host"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process"), null=True)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    seen_at = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")

    def __str__(self):
        return self.worker_id


class JobLock(models.Model):
    """A named row that a job locks, so that two runs of it never overlap."""

    name = models.CharField(max_length=100, unique=True)

    def __str__(self):
        return self.name
