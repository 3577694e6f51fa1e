# ruff: noqa: E501  (a data file: one post per line reads best)
"""A small written corpus for the spam screening: what spammers post on health forums, and
what members of a hip-pain community genuinely write (links to guidance included).

Each item: ``text``; ``spam``; ``earlier`` (the same author's post in another thread the
day before, if any); ``veteran`` (the author already has posts, else it is their first).
Written for these tests; no text is copied from anywhere.
"""

from typing import TypedDict


class Item(TypedDict, total=False):
    text: str
    spam: bool
    earlier: str
    veteran: bool


BLOCKED = [("domain", "cheap-meds.example"), ("word", "casino"), ("word", "replica watches")]

CORPUS: list[Item] = [
    # Spam.
    {
        "spam": True,
        "text": "Best deals on painkillers, no prescription: https://cheap-meds.example/buy",
    },
    {
        "spam": True,
        "veteran": True,
        "text": "Hip pain? We ship tramadol worldwide, see cheap-meds.example today.",
    },
    {
        "spam": True,
        "text": "Feeling bored with the pain? Try the new online casino, bonus for new players!",
    },
    {
        "spam": True,
        "veteran": True,
        "text": "Great replica watches at a fraction of the price, message me.",
    },
    {
        "spam": True,
        "text": "Visit https://hipcure.example and https://hipcure.example/offer and https://hipcure.example/now",
    },
    {
        "spam": True,
        "text": "Cure tendon pain in 3 days [here](https://miracle.example) or [here](https://miracle.example/2)",
    },
    {
        "spam": True,
        "veteran": True,
        "text": "Amazing results: https://a.example https://b.example https://c.example https://d.example",
    },
    {
        "spam": True,
        "text": "Our clinic fixes bursitis forever. Book at https://fastfix.example or call us at https://fastfix.example/call",
    },
    {
        "spam": True,
        "veteran": True,
        "earlier": "I had the same problem until I found a supplement that fixed it in a week, ask me how to order it",
        "text": "I had the same problem until I found a supplement that fixed it in a week, ask me how to order it",
    },
    {
        "spam": True,
        "veteran": True,
        "earlier": "Anyone with hip pain should try this magnetic belt, it cured mine, I can send you a discount code",
        "text": "Anyone with hip pain should try this magnetic belt, it cured mine! I can send you a discount code",
    },
    {
        "spam": True,
        "veteran": True,
        "earlier": "Stop suffering. Our herbal cream removes gluteal pain for good. Message me for the price list today.",
        "text": "Stop suffering. Our herbal cream removes gluteal pain for good. Message me for the price list now.",
    },
    {
        "spam": True,
        "text": "Earn money from home while you rest your hip https://earn.example https://earn.example/join",
    },
    {
        "spam": True,
        "veteran": True,
        "text": "Watch the video that doctors hate: https://video.example/hip and share https://video.example/share",
    },
    {
        "spam": True,
        "text": "Loans approved in minutes for medical bills https://loans.example/apply https://loans.example/rates",
    },
    # Spam the filter is not built to see (one link, enough words, nothing blocked).
    {
        "spam": True,
        "veteran": True,
        "text": (
            "I was in pain for years and tried physio, injections and rest, and nothing worked "
            "for me at all until a friend showed me a device that you wear at night, and now I "
            "sleep without pain. You can read about it at https://nightbrace.example if you want."
        ),
    },
    {
        "spam": True,
        "veteran": True,
        "text": "Message me privately, I know a secret cure that the doctors will not tell you about.",
    },
    # Genuine.
    {
        "spam": False,
        "text": "My outer hip aches when I lie on it at night. Has a pillow between the knees helped anyone?",
    },
    {
        "spam": False,
        "veteran": True,
        "text": "Side-lying was the worst for me too. A pillow helped a bit, the loading exercises helped more.",
    },
    {
        "spam": False,
        "text": (
            "The NHS page on greater trochanteric pain syndrome explained it well for me: "
            "https://www.nhs.uk/conditions/ - it covers what to avoid, like crossing your legs, "
            "and why the physio started with gentle isometric holds before anything harder."
        ),
    },
    {
        "spam": False,
        "veteran": True,
        "text": (
            "Two things that helped me understand it: the patient leaflet from my hospital "
            "https://hospital.example/leaflet and the exercise sheet my physiotherapist gave me "
            "https://physio.example/sheet. Both say the same thing in the end: load the tendon "
            "slowly, week after week, and do not chase pain. It took me about four months."
        ),
    },
    {
        "spam": False,
        "veteran": True,
        "text": "Thank you, that is really kind. I will ask my GP about a referral on Monday.",
    },
    {
        "spam": False,
        "text": "Is it normal for the pain to move from the buttock down the side of the thigh?",
    },
    {
        "spam": False,
        "veteran": True,
        "earlier": "Has anyone tried shockwave therapy for gluteal tendinopathy?",
        "text": "Did the steroid injection help anyone long term, or only for a few weeks?",
    },
    {
        "spam": False,
        "veteran": True,
        "earlier": "I run three times a week and the pain starts after about 5 km on the left side.",
        "text": "Update: I cut back to two short runs a week and the pain now starts later, after 8 km.",
    },
    {
        "spam": False,
        "veteran": True,
        "text": "Welcome! You are not alone, many of us have been through this.",
    },
    {
        "spam": False,
        "text": "I am 52 and the pain started after I began gardening a lot this spring. Could that be it?",
    },
    {
        "spam": False,
        "veteran": True,
        "text": "Same here. Stairs are fine but getting out of the car hurts.",
    },
    {
        "spam": False,
        "veteran": True,
        "text": (
            "For anyone searching later: my MRI showed a partial tear of the gluteus medius "
            "tendon, not bursitis. The surgeon suggested six months of rehab before thinking "
            "about surgery, and I am now at month three with less pain at night."
        ),
    },
    {
        "spam": False,
        "text": "Could a leg length difference cause this? My left shoe wears out faster than the right one.",
    },
    {
        "spam": False,
        "veteran": True,
        "text": "I found these useful: https://guide.example/hip and https://guide.example/sleep",
    },
    {
        "spam": False,
        "veteran": True,
        "text": "Does anyone know a physio in Leeds who knows about hip tendons well?",
    },
    {
        "spam": False,
        "text": "After my pregnancy I had pain at the back of the pelvis; it eased with time and exercise.",
    },
]
