"""Follow-ups, "did they reply?" (issue 5): offer a reminder after "replied first" / "suggested meeting",
DM the student when it falls due (in their working hours), record the outcome on the same record.

    schedule.py   pure rules: working hours in the student's zone, what to do with a due reminder
    blocks.py     pure Block Kit builders (the offer on the result card, the reminder DM, outcomes)
    service.py    Followups: the one object the listeners, the walkthrough and the scheduler share
    scheduler.py  deliver_due (one pass) + reminder_loop/start_reminders (the background task)
"""
