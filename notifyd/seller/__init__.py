"""The seller's tools: response log, draft, export, statistics and the weekly digest."""
