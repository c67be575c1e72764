"""Pure reading of one parsed email: is it a notice, and what does it say."""
