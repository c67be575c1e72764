"""Shared vocabulary: settings, the domain types, errors and the clock."""
