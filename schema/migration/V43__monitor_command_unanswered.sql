-- The commands still waiting for an answer, for the sweep that settles those no one can answer any more
-- (UPDATE ... WHERE outcome = 'sent' AND sent_at < cutoff): few rows, however long the command log grows.
CREATE INDEX monitor_command_unanswered_idx ON monitor_command (sent_at) WHERE outcome = 'sent';
