"""Chinese search: text folding, pinyin keys, the in-memory index."""
