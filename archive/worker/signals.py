from django.dispatch import Signal

# A job went back to the queue without finishing: sent with ``job`` (the
# DBTaskResult as it was) and ``interrupted`` (True when its worker was asked
# to stop, False when the worker died holding it).
job_requeued = Signal()
