from django.db import models


class WorkerBeat(models.Model):
    """A worker, alive when it beat lately (careerpath.background.lease)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    beat_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.worker_id} ({self.beat_at:%Y-%m-%d %H:%M:%S})"
