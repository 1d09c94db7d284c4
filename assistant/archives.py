"""Several archives (Chroma collections, e.g. one per council) asked as one: the best-supported answer wins."""

from __future__ import annotations

from index.filters import FilterError, Filters


def ask_across(assistants: list, question: str, filters: Filters | None = None):
    """Each collection answers on its own (its own BM25, facets and thresholds); the answer whose best sentence
    scored highest is returned. When every collection abstains, the abstention carries the best leads of all."""
    answers, errors = [], []
    for assistant in assistants:
        try:
            answers.append(assistant.ask(question, filters))
        except FilterError as exc:  # a council filter that only some collections hold
            errors.append(exc)
    if not answers:
        raise errors[0]
    answered = [a for a in answers if not a.abstained]
    if answered:
        return max(answered, key=lambda a: a.diagnostics.best_score)
    best = max(answers, key=lambda a: a.diagnostics.best_score)
    leads = sorted((lead for a in answers for lead in a.leads), key=lambda c: -c.score)[: len(best.leads) or 3]
    return best.model_copy(update={"leads": [c.model_copy(update={"n": i}) for i, c in enumerate(leads, 1)]})
