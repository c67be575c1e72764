"""Who hears what, when: routing, rendering, the outbox, reminders and self-monitoring."""
