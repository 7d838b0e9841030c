"""The resident's session without Qt: screens and history, what each way out resets, idle phases, interaction rules, the live catalogue."""
