"""The same thread, word for word, for every system (imported by each peer's seed script)."""

TITLE = "Benchmark: a long conversation about gluteal tendinopathy"
OPENING = "Let us keep every experience of gluteal tendinopathy in one thread."
PHRASES = (
    "Side-lying on the sore hip still wakes me at night; a pillow between the knees helps.",
    "My physio started me on isometric holds against a wall, five of forty-five seconds.",
    "Stairs are the worst part of the day, especially going up two at a time.",
    "Crossing my legs when sitting made it worse, so I stopped and it settled a little.",
    "Hill walking flared it for two days; flat ground at an easy pace was fine.",
    "Ask your doctor before a steroid injection: for me the relief lasted six weeks.",
)


def reply_text(index: int) -> str:
    """Reply ``index`` (from 0) of the thread: a phrase and its number, so no two are equal."""
    return f"{PHRASES[index % len(PHRASES)]} (reply {index + 1})"
