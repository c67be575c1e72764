"""The process: the tick that does everything due, and the daemon around it."""
