"""Claims from sentences (placeholder)."""
def find_claims(paper, sentences, rules):
    return []
