"""Results from sentences (placeholder)."""
def find_results(paper, sentences, rules):
    return []
