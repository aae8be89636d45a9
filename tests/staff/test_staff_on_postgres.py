"""Staff and student-data scenarios again, with the app (and the summary in SQL) on PostgreSQL."""

import test_retention_lifecycle as retention
import test_staff_home_http as home
import test_staff_summary_http as summary
import test_student_data_http as student
from postgres_scenarios import on_postgres

test_summary = on_postgres(summary.test_staff_get_the_30_day_summary_privately_with_every_figure)
test_periods = on_postgres(summary.test_summary_periods)
test_export = on_postgres(summary.test_export_csv_uploads_the_periods_records_to_the_staff_dm)
test_home = on_postgres(home.test_staff_home_shows_the_dashboard_and_recent_checks_with_a_period_selector)
test_delete = on_postgres(student.test_delete_asks_first_then_deletes_everything_of_theirs_for_good)
test_retention = on_postgres(retention.test_purge_expired_removes_only_records_past_retention)
