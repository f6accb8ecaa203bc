-- A SOURCE_DATE_EPOCH that is not a whole number of seconds (see env) stops
-- the run before the script starts: a stamp with a guessed time would not
-- be reproducible. Nothing is printed and nothing written.
print("not reached")
