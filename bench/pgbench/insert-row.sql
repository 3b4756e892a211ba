-- One 516-byte row (bigserial key + 508 bytes of text) per transaction: the database's single-row commit rate,
-- which bounds an append that commits one event at a time (docs/RELIABILITY.md, the append lock).
INSERT INTO pgbench_row (payload) VALUES (repeat('x', 508));
