-- The insights' own additions. The background goal evaluation pages through active goals by id.
CREATE INDEX goals_active ON tracking.goals (goal_id) WHERE is_active;
-- Anomalies are listed per user, filtered by severity, newest first.
CREATE INDEX anomalies_user_severity_time ON tracking.anomalies (user_id, severity, detected_at DESC);
