"""Reminder scenarios again, with the app on PostgreSQL."""

import test_reminder_delivery_http as delivery
from postgres_scenarios import on_postgres

test_delivered_once = on_postgres(delivery.test_due_reminder_is_delivered_once)
test_restart = on_postgres(delivery.test_restart_between_scheduling_and_delivery)
test_snooze = on_postgres(delivery.test_snooze_asks_again_three_days_later)
test_retry = on_postgres(delivery.test_failed_post_is_retried_and_never_sent_twice)
test_racing = on_postgres(delivery.test_two_replicas_racing_send_one_reminder)
test_summary = on_postgres(delivery.test_staff_summary_shows_outcomes_and_reply_rate)
