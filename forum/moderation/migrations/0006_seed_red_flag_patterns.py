"""Red flags as patterns (see forum/discussions/redflags.py), seeded for moderators to edit.

The exact phrases of migration 0002 are replaced by patterns that catch them and the
ways people really write them; a phrase a moderator has edited or switched off is left
as it is. Posts flagged before keep their flag, now with its kind, and one whose system
report is still open stays in front of the moderators (the queue now selects flagged
posts itself; the after-commit report is gone).
"""

from django.db import migrations

REGION = (
    "(saddle|groin|genital*|perine*|privates|private parts|bottom|bum|bum cheeks|buttock*"
    "|backside|inner thigh*|back passage|down below|down there)"
)

# (pattern, examples it must catch), in our own words.
URGENT = [
    # Cauda equina: numbness in the saddle area.
    (
        f"{REGION} ...3 (numb*|no feeling|lost feeling|no sensation|lost sensation)",
        "My bottom feels numb since yesterday.\nMy groin and inner thighs have gone numb.",
    ),
    (
        f"numb* (in|around|across|over|on|of|down) ...2 {REGION}",
        "I have numbness in the saddle area.\nIt's gone numb around my back passage.",
    ),
    ("numb* between ...1 (legs|thighs)", "It feels numb between my legs."),
    (
        "(can't|cannot|can not|couldn't|unable to|no longer) feel ...4 (toilet|wip*|saddle|groin"
        "|genitals|privates|bottom|bum|buttock*|backside|inner thigh*)",
        "I can't feel the toilet paper when I wipe.",
    ),
    # Cauda equina: new bladder or bowel trouble.
    (
        "(lost|losing|loss of|no|poor|can't|cannot|couldn't|unable to) control ...3"
        " (bladder|bowel*|wee|pee|poo)",
        "I lost control of my bowels this morning.\nI can't control my bladder.",
    ),
    ("(loss of|lost|losing|poor) (bladder|bowel) control", "Sudden loss of bladder control."),
    (
        "(bladder|bowel*) ...2 (accident*|incontinen*|retention|stopped working|not working"
        "|isn't working)",
        "My bladder has stopped working properly.",
    ),
    ("(wet|peed|wee'd|soiled|pooed) myself", "Last night I wet myself without noticing."),
    (
        "(can't|cannot|couldn't|unable to|struggl*|hard to|trouble|difficulty|difficult to"
        "|problems) ...2 (pee|peeing|wee|weeing|urinat*|pass* urine|pass* water"
        "|empty* my bladder|start* peeing)",
        "I've had trouble passing urine since Friday.\nI'm struggling to pee.",
    ),
    (
        "(can't|cannot|couldn't|unable to|no longer|don't) (feel|tell|sense|know) ...3"
        " (need|needing) ...2 (pee|wee|poo|toilet|go)",
        "I can't tell when I need to pee.",
    ),
    (
        "(new|sudden*|recent*|started|starting) ...3 (bladder|bowel*) ...2 (trouble|problem*"
        "|issue*|change*|symptom*)",
        "New bladder problems started yesterday.",
    ),
    # A hip that cannot take weight, after a fall.
    (
        "(can't|cannot|can not|couldn't|unable to|not able to|impossible to|too painful to"
        "|too sore to) ...2 (bear|bare|put|take|hold) ...3 weight",
        "I can’t bear weight on my left leg.\nNow I can't put any weight on my leg.",
    ),
    ("(can't|cannot|couldn't|unable to|not able to) weight bear*", "I'm unable to weight bear."),
    (
        "(fell|fall|fallen|falling|slipped|tripped|came off) ...8 (can't|cannot|unable to"
        "|not able to|couldn't) ...2 (walk|stand|get up|move my leg)",
        "I tripped on the stairs and now I cannot stand up.",
    ),
    (
        "(can't|cannot|unable to|couldn't) (walk|stand) ...4 (since|after) ...3 (fell|fall"
        "|falling|slipped|tripped)",
        "I can't walk since I fell.",
    ),
    (
        "(fell|fall|fallen|slipped|tripped) ...8 (shorter|turned out*|rolled out*|twisted out*)",
        "After the fall my leg looks shorter.",
    ),
    # Fever with a hot swollen joint; a hot swollen joint.
    (
        "(fever*|temperature|feverish|shiver*|chills|rigors) ...8 (hot|red|swollen|swell*|warm"
        "|puffy)",
        "Running a fever and my hip is hot and swollen.",
    ),
    (
        "(hot|red|swollen|swell*|warm|puffy) ...8 (fever*|temperature|feverish|shiver*|chills"
        "|rigors)",
        "My hip is swollen and I have a fever.",
    ),
    ("hot ...2 (swollen|swell*) ...2 (joint|hip|knee)", "A hot, swollen joint."),
    ("(joint|hip|knee) ...2 (hot|red) ...2 (swollen|swell*)", "My hip is hot and swollen."),
    # Sudden severe pain.
    (
        "sudden* ...3 (severe|excruciating|agoni*|unbearable|intense|horrendous|terrible|worst)"
        " ...3 pain*",
        "Sudden severe pain in my hip an hour ago.",
    ),
    (
        "(severe|excruciating|unbearable|agoni*|intense|horrendous|worst) ...2 pain ...6"
        " (sudden*|out of nowhere|from nowhere|came on)",
        "Excruciating pain that came on out of nowhere.",
    ),
    ("worst pain ...4 (life|ever)", "The worst pain I've ever had."),
    # A leg going weak or dragging.
    (
        "(leg|legs) ...3 (giv* way|gave way|buckl*|collaps*|going weak|gone weak|went weak"
        "|getting weak*)",
        "My right leg keeps giving way.\nMy leg has gone weak.",
    ),
    ("drag* ...2 (leg|legs|foot|feet|toes)", "I've started dragging my left foot."),
    ("(foot drop|drop foot|dropped foot)", "I think I have foot drop."),
    (
        "(can't|cannot|unable to|struggl*) ...2 (lift|raise) ...3 (foot|toes)",
        "I can't lift my foot properly.",
    ),
    ("both (legs|feet) ...3 (numb*|weak*|giv* way|gave way)", "Both legs feel numb."),
    ("(numb*|weak*) ...3 both (legs|feet)", "Weakness in both legs."),
]

CRISIS = [
    ("suicid*", "I've been having suicidal thoughts."),
    (
        "(kill*|end|ending|ended) (myself|my life|my own life|it all)",
        "I've been thinking about ending it all.\nSome days I want to kill myself.",
    ),
    ("(take|taking|took) my own life", "I've thought about taking my own life."),
    ("(want*|going|plan*|tried|try*|about) to (take|end) ...1 life", "I'm going to take my life."),
    ("(want*|going|plan*|think*|thought|ready) to end it", "I just want to end it."),
    ("(think*|thought) ...2 ending it", "I keep thinking about ending it."),
    (
        "(don't|do not|no longer|not|never) (want*|wish*) to (be here|be alive|live|exist|wake up)",
        "I don't want to be here anymore.\nNot wanting to be here.",
    ),
    ("better off (dead|without me|gone)", "Everyone would be better off without me."),
    (
        "(self harm*|self injur*|harm* myself|cut myself|cutting myself|hurting myself on purpose)",
        "I've started self-harming again.",
    ),
    ("(want*|urge*|feel like|tempted to) ...2 hurt* myself", "Part of me wants to hurt myself."),
    (
        "(no|nothing|not any) (reason|point) ...3 (live|living|alive|going on|carrying on)",
        "There's no reason to keep living like this.",
    ),
    (
        "(plan*|going to|want* to|thinking about) ...2 (take|taking|swallow*) ...3 (all|whole)"
        " ...2 (pills|tablets|meds|medication|packet*)",
        "I'm planning to take all my pills tonight.",
    ),
    ("(took|take|taking|taken|planning|plan) ...2 overdos*", "I took an overdose last year."),
    (
        "wish* ...2 (dead|wasn't here|weren't here|never born|wasn't alive|could disappear)",
        "I wish I was dead.",
    ),
    ("want* to die", "I just want to die."),
    (
        "(can't|cannot|can not) (go on|carry on|keep going) ...2 (anymore|any more|like this)",
        "I can't go on like this anymore.",
    ),
    ("(not|isn't|no longer) worth (living|being alive)", "Life isn’t worth living with this pain."),
]

# What migration 0002 seeded; each is caught by a pattern above
# (tests/discussions/test_red_flags.py checks it).
OLD_PHRASES = [
    ("numbness in the saddle", "urgent"),
    ("saddle numbness", "urgent"),
    ("numb around my groin", "urgent"),
    ("loss of bladder control", "urgent"),
    ("loss of bowel control", "urgent"),
    ("can't control my bladder", "urgent"),
    ("cannot control my bladder", "urgent"),
    ("trouble passing urine", "urgent"),
    ("fever and a hot swollen", "urgent"),
    ("hot, swollen joint", "urgent"),
    ("can't bear weight", "urgent"),
    ("cannot bear weight", "urgent"),
    ("unable to bear weight", "urgent"),
    ("sudden severe pain", "urgent"),
    ("foot drop", "urgent"),
    ("kill myself", "crisis"),
    ("end my life", "crisis"),
    ("harm myself", "crisis"),
    ("self-harm", "crisis"),
    ("suicidal", "crisis"),
]


def seed(apps, schema_editor):
    RedFlagPhrase = apps.get_model("discussions", "RedFlagPhrase")
    for phrase, kind in OLD_PHRASES:
        RedFlagPhrase.objects.filter(phrase=phrase, kind=kind, is_active=True).delete()
    for kind, patterns in (("urgent", URGENT), ("crisis", CRISIS)):
        for pattern, examples in patterns:
            RedFlagPhrase.objects.get_or_create(
                phrase=pattern,
                defaults={"kind": kind, "examples": examples, "ignore_negated": kind == "urgent"},
            )


def flag_existing_posts(apps, schema_editor):
    """Posts flagged under the old phrases: give each flag its kind, and keep in the queue
    those whose system report no moderator has closed."""
    Post = apps.get_model("discussions", "Post")
    Report = apps.get_model("moderation", "Report")
    kinds = dict(OLD_PHRASES)
    for post in Post.objects.exclude(red_flag="").filter(red_flag_kind="").iterator():
        post.red_flag_kind = kinds.get(post.red_flag.lower(), "urgent")
        post.red_flag_pending = Report.objects.filter(
            post=post, reporter__isnull=True, resolved_at__isnull=True
        ).exists()
        post.save(update_fields=["red_flag_kind", "red_flag_pending"])


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0005_log_thread_edits"),
        ("discussions", "0007_red_flag_patterns_and_pinned_lists"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(flag_existing_posts, migrations.RunPython.noop),
    ]
