"""Walkthrough scenarios again, with the app on PostgreSQL."""

import test_concurrent_decisions_http as concurrent
import test_safety_http as safety
import test_walkthrough_http as walkthrough
from postgres_scenarios import on_postgres

test_walkthrough = on_postgres(walkthrough.test_slash_command_walkthrough_to_recorded_decision)
test_double_click = on_postgres(walkthrough.test_double_click_on_a_decision_records_once)
test_change = on_postgres(walkthrough.test_decision_can_be_changed)
test_event_retry = on_postgres(
    walkthrough.test_direct_message_starts_walkthrough_and_a_retry_does_not_start_another
)
test_restart = on_postgres(walkthrough.test_restart_mid_walkthrough_continues)
test_invite_text = on_postgres(walkthrough.test_invite_text_is_stored_only_when_enabled)
test_alert = on_postgres(safety.test_telling_the_career_center_without_a_name_dms_staff_the_evidence)
test_concurrent = on_postgres(concurrent.test_200_concurrent_decision_clicks_leave_exactly_200_records)


async def _store_kind(bot_http, fake_slack):
    from bot.store.postgres import PostgresDecisionStore

    assert isinstance(bot_http.store.store, PostgresDecisionStore)
    assert bot_http.settings.database_url


test_the_wrapped_scenarios_really_run_on_postgres = on_postgres(_store_kind)
