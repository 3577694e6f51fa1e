"""Demo content for Medius: conditions, members, articles and questions.

Pure data. Every text in this module was written specifically for the demo site.
Nothing here is medical advice; the content encourages readers to see a clinician.
"""

from __future__ import annotations

from typing import Any

CONDITIONS: list[dict[str, Any]] = [
    {
        "slug": "gluteal-tendinopathy",
        "name": "Gluteal tendinopathy",
        "synonyms": ["glute tendinopathy", "gluteal tendinosis", "outer hip tendinopathy"],
        "parent": None,
        "description": (
            "A painful, load-sensitive problem of the tendons that attach the gluteus medius "
            "and gluteus minimus to the bony point on the outer hip. It tends to appear when "
            "the load on those tendons rises faster than they can adapt, and it is common in "
            "runners and in adults over forty. Squashing the tendon against bone, as in "
            "side-lying or crossing the legs, often provokes it."
        ),
    },
    {
        "slug": "gluteus-medius-tendinopathy",
        "name": "Gluteus medius tendinopathy",
        "synonyms": ["glute med tendinopathy", "glute med", "gluteus medius tendinosis"],
        "parent": "gluteal-tendinopathy",
        "description": (
            "Tendinopathy of the gluteus medius, the main side-hip muscle that keeps the pelvis "
            "level whenever you stand on one leg. It usually causes an ache over the outer hip "
            "that builds with hills, stairs, single-leg standing and lying on the side. "
            "Gradual, well-dosed strengthening is the backbone of care."
        ),
    },
    {
        "slug": "gluteus-minimus-tendinopathy",
        "name": "Gluteus minimus tendinopathy",
        "synonyms": ["glute min tendinopathy", "glute min"],
        "parent": "gluteal-tendinopathy",
        "description": (
            "Tendinopathy of the gluteus minimus, a smaller muscle lying underneath the gluteus "
            "medius and attaching to the front of the greater trochanter. It often occurs "
            "alongside gluteus medius involvement and produces very similar outer hip pain. "
            "Because symptoms alone rarely separate the two, they are usually managed the "
            "same way."
        ),
    },
    {
        "slug": "gluteal-tendon-tears",
        "name": "Gluteal tendon tears",
        "synonyms": ["gluteus medius tear", "gluteal tendon tear", "hip abductor tear"],
        "parent": "gluteal-tendinopathy",
        "description": (
            "Partial or complete tears in the gluteus medius or minimus tendons where they "
            "anchor on the outer hip. Some develop slowly on a background of long-standing "
            "tendinopathy, while others follow a fall or a sudden strain. Marked weakness, a "
            "limp and difficulty standing on one leg are possible signs; many partial tears "
            "are treated with rehabilitation, and surgery is kept for selected cases."
        ),
    },
    {
        "slug": "greater-trochanteric-pain-syndrome",
        "name": "Greater trochanteric pain syndrome",
        "synonyms": [
            "GTPS",
            "greater trochanteric pain syndrome",
            "trochanteric bursitis",
            "hip bursitis",
            "lateral hip pain",
        ],
        "parent": None,
        "description": (
            "An umbrella term for pain and tenderness over the greater trochanter, the bony "
            "point on the outside of the hip. In most people the gluteal tendons are the main "
            "source rather than an inflamed bursa, which is why the older bursitis label has "
            "largely fallen out of favour. Night pain when lying on the side, sore stairs and "
            "aching after standing are typical."
        ),
    },
    {
        "slug": "gluteal-trigger-points",
        "name": "Gluteal trigger points",
        "synonyms": ["glute trigger points", "myofascial pain", "gluteal knots"],
        "parent": None,
        "description": (
            "Tender, sensitive spots in the buttock muscles that can reproduce a familiar ache, "
            "sometimes spreading into the thigh. Myofascial pain is a widely used clinical "
            "label, although researchers still argue about what trigger points really are and "
            "how reliably they can be located. Pressure, massage and needling may ease symptoms "
            "for a while and work best alongside exercise."
        ),
    },
    {
        "slug": "tensor-fasciae-latae-strain",
        "name": "Tensor fasciae latae (TFL) strain or tightness",
        "synonyms": ["TFL", "TFL strain", "TFL tightness", "tensor fasciae latae"],
        "parent": None,
        "description": (
            "The tensor fasciae latae is a small muscle at the front and side of the hip that "
            "blends into the iliotibial band. It helps bend, turn in and steady the hip, and it "
            "can feel tight or sore when it is working overtime, for example in cyclists, "
            "runners or people whose side glutes are weak. Pain usually sits just below and in "
            "front of the hip bone."
        ),
    },
    {
        "slug": "deep-gluteal-syndrome",
        "name": "Deep gluteal syndrome",
        "synonyms": ["DGS", "deep buttock pain", "sciatic nerve entrapment"],
        "parent": None,
        "description": (
            "Buttock pain caused by irritation or entrapment of the sciatic nerve, or nearby "
            "nerves, in the space beneath the gluteus maximus. Possible contributors include the "
            "piriformis and other small hip rotators, the hamstring origin and bands of fibrous "
            "tissue. Pain with sitting is common, sometimes with pain or tingling down the back "
            "of the leg."
        ),
    },
    {
        "slug": "piriformis-syndrome",
        "name": "Piriformis syndrome",
        "synonyms": ["piriformis", "piriformis pain"],
        "parent": "deep-gluteal-syndrome",
        "description": (
            "A form of deep gluteal syndrome in which the piriformis muscle is thought to "
            "irritate the sciatic nerve running close beside it. It typically causes deep "
            "buttock pain that worsens with long periods of sitting and may spread down the back "
            "of the thigh. The diagnosis is debated and sometimes made too readily, so "
            "back-related sciatica and other causes should be considered first."
        ),
    },
    {
        "slug": "sciatica",
        "name": "Sciatica",
        "synonyms": ["lumbar radiculopathy", "pinched nerve", "nerve root pain"],
        "parent": None,
        "description": (
            "Pain travelling down the leg, often below the knee, because a nerve root in the "
            "lower back is irritated or compressed, most often by a disc bulge. Leg pain is "
            "frequently worse than back pain and may come with pins and needles, numbness or "
            "weakness. Most episodes settle over weeks to months, but saddle numbness or bladder "
            "or bowel changes need emergency care."
        ),
    },
    {
        "slug": "iliotibial-band-syndrome",
        "name": "Iliotibial band syndrome",
        "synonyms": ["ITB syndrome", "ITBS", "IT band", "IT band syndrome"],
        "parent": None,
        "description": (
            "A common overuse problem in runners and cyclists that causes sharp pain on the "
            "outer side of the knee, where the iliotibial band crosses the lower end of the "
            "thigh bone. Symptoms often start at a predictable point in a run and are worse "
            "downhill. The band cannot really be stretched or rolled longer, so care focuses on "
            "training load and hip strength."
        ),
    },
    {
        "slug": "quadratus-lumborum-pain",
        "name": "Quadratus lumborum pain",
        "synonyms": ["QL", "QL pain", "quadratus lumborum"],
        "parent": None,
        "description": (
            "Aching in the side of the lower back, between the lowest rib and the top of the "
            "pelvis, often blamed on the quadratus lumborum muscle. This muscle side-bends the "
            "trunk and helps steady the pelvis. Pain here can spread towards the buttock or "
            "outer hip and overlaps with other sources of low back pain, so an assessment helps "
            "clarify what is going on."
        ),
    },
    {
        "slug": "hip-flexor-strain",
        "name": "Hip flexor strain",
        "synonyms": ["iliopsoas", "psoas", "iliopsoas strain", "hip flexor"],
        "parent": None,
        "description": (
            "An injury to the muscles at the front of the hip that lift the thigh, chiefly the "
            "iliopsoas. It is common in sprinting, kicking sports and dance, and causes pain in "
            "the groin or front of the hip when raising the knee or striding out. Groin pain has "
            "many possible causes, including the hip joint itself, so lasting symptoms deserve "
            "a proper assessment."
        ),
    },
    {
        "slug": "sacroiliac-joint-pain",
        "name": "Sacroiliac joint pain",
        "synonyms": ["SI joint", "SIJ dysfunction", "SI joint pain", "sacroiliitis"],
        "parent": None,
        "description": (
            "Pain arising from the joints linking the base of the spine to the pelvis, usually "
            "felt as a one-sided ache near the dimple at the back of the pelvis. It can be "
            "linked to pregnancy and the months after birth, falls onto the buttock, lopsided "
            "loading or inflammatory conditions. Long-lasting morning stiffness that eases with "
            "movement may prompt a doctor to check for inflammatory back disease."
        ),
    },
    {
        "slug": "proximal-hamstring-tendinopathy",
        "name": "Proximal hamstring tendinopathy",
        "synonyms": ["high hamstring tendinopathy", "PHT", "hamstring tendinopathy"],
        "parent": None,
        "description": (
            "A load-related problem of the hamstring tendons where they attach to the sit bone "
            "at the base of the buttock. It causes deep, well-localised pain that is often worse "
            "when sitting on firm seats, running uphill, sprinting or bending far forwards. "
            "Compressive stretches can aggravate it, and gradual strengthening is the usual "
            "foundation of care."
        ),
    },
    {
        "slug": "hip-osteoarthritis",
        "name": "Hip osteoarthritis",
        "synonyms": ["hip OA", "hip arthritis", "degenerative hip"],
        "parent": None,
        "description": (
            "Gradual change in the cartilage and bone of the hip joint that becomes more common "
            "with age. Pain is usually felt in the groin or front of the thigh, though it can "
            "spread to the buttock or knee, along with stiffness and trouble putting on socks. "
            "Exercise, weight management and education come first, and joint replacement is "
            "an option when symptoms stay severe."
        ),
    },
    {
        "slug": "femoroacetabular-impingement",
        "name": "Femoroacetabular impingement",
        "synonyms": ["FAI", "hip impingement", "FAI syndrome", "cam impingement"],
        "parent": None,
        "description": (
            "A condition in which extra bone on the ball or the socket of the hip changes how "
            "the joint surfaces meet, so they can pinch at the end of movement. It tends to "
            "cause groin pain with deep squats, low chairs or twisting. Because these bone "
            "shapes are common in people without symptoms, the diagnosis relies on symptoms and "
            "examination as well as imaging."
        ),
    },
    {
        "slug": "labral-tear",
        "name": "Labral tear",
        "synonyms": ["hip labral tear", "acetabular labral tear", "torn labrum"],
        "parent": None,
        "description": (
            "Damage to the labrum, the rim of fibrocartilage around the hip socket that helps "
            "seal the joint. Tears can follow twisting injuries or develop alongside impingement "
            "or early joint wear. Groin pain, catching, clicking or locking may be noticed, "
            "although tears also show up on scans in people who have no pain at all."
        ),
    },
    {
        "slug": "snapping-hip",
        "name": "Snapping hip",
        "synonyms": ["coxa saltans", "snapping hip syndrome", "clicking hip"],
        "parent": None,
        "description": (
            "A snap or clunk around the hip that you can hear or feel during movement. The "
            "outer type happens when the iliotibial band or gluteus maximus flicks over the "
            "greater trochanter; the inner type involves the iliopsoas tendon sliding over bone "
            "at the front of the hip. It is common and often painless, especially in dancers, "
            "and needs attention mainly when it hurts."
        ),
    },
    {
        "slug": "ischial-bursitis",
        "name": "Ischial bursitis",
        "synonyms": ["ischiogluteal bursitis", "weaver's bottom", "sit bone bursitis"],
        "parent": None,
        "description": (
            "Irritation of the small fluid-filled sac between the sit bone and the overlying "
            "gluteus maximus. It causes an ache at the base of the buttock that is typically "
            "worse after long spells on hard seats. It can be difficult to distinguish from "
            "proximal hamstring tendinopathy, and the two sometimes occur together."
        ),
    },
    {
        "slug": "gluteus-maximus-strain",
        "name": "Gluteus maximus strain",
        "synonyms": ["glute max strain", "buttock muscle strain", "gluteal strain"],
        "parent": None,
        "description": (
            "A strain of the largest buttock muscle, which extends the hip and powers climbing, "
            "sprinting and rising from a squat. It is less common than hamstring strains and "
            "tends to follow sudden, forceful efforts. Pain sits in the bulk of the buttock and "
            "is felt when the muscle contracts or stretches; most mild strains recover with "
            "relative rest and graded loading."
        ),
    },
]

MEMBERS: list[dict[str, Any]] = [
    {
        "username": "mod_rowan",
        "display_name": "Rowan (moderator)",
        "bio": (
            "I help keep the forum friendly, safe and on topic. I have had my own long run-in "
            "with outer hip pain, so I know how wearing it can be."
        ),
        "role": "moderator",
    },
    {
        "username": "editor_sam",
        "display_name": "Sam, site editor",
        "bio": (
            "I commission and edit the articles on Medius and work with our clinical reviewers "
            "to keep them clear, current and readable."
        ),
        "role": "editor",
    },
    {
        "username": "physio_amara",
        "display_name": "Amara, physiotherapist",
        "bio": (
            "I am a musculoskeletal physiotherapist with a particular interest in hip and "
            "tendon problems in runners, dancers and active adults."
        ),
        "role": "clinician",
        "profession": "Physiotherapist",
        "registration_body": "Health and Care Professions Council",
        "registration_number": "PH-000123",
        "country": "United Kingdom",
    },
    {
        "username": "dr_lindqvist",
        "display_name": "Dr Lindqvist",
        "bio": (
            "I work as a sports and exercise medicine doctor. I enjoy helping people make sense "
            "of their pain and get back to the activities they care about."
        ),
        "role": "clinician",
        "profession": "Sports and exercise medicine physician",
        "registration_body": "General Medical Council",
        "registration_number": "MD-000456",
        "country": "United Kingdom",
    },
    {
        "username": "hillrunner_k",
        "display_name": "Hill Runner K",
        "bio": (
            "I run roads and trails and am building up to my first hilly half marathon. "
            "Currently negotiating with a grumpy right hip."
        ),
        "role": "member",
    },
    {
        "username": "tri_swimbikerun",
        "display_name": "Swim Bike Run",
        "bio": (
            "I am a 48-year-old age-group triathlete who loves long rides and still dreads "
            "transitions."
        ),
        "role": "member",
    },
    {
        "username": "plie_paz",
        "display_name": "Paz in the studio",
        "bio": (
            "I dance contemporary and ballet and spend most of my days in a studio. Trying to "
            "learn to listen to my hips before they shout."
        ),
        "role": "member",
    },
    {
        "username": "desk_bound_dev",
        "display_name": "Desk-bound Dev",
        "bio": (
            "I write software for a living and spend far too many hours in a chair. Slowly "
            "building better habits, one timer at a time."
        ),
        "role": "member",
    },
    {
        "username": "trailwalker_59",
        "display_name": "Trail Walker",
        "bio": (
            "I am in my sixties and have walked the hills most weekends for decades. I have no "
            "plans to stop any time soon."
        ),
        "role": "member",
    },
    {
        "username": "newmum_hips",
        "display_name": "New Mum",
        "bio": (
            "First-time parent to a small baby, learning how to look after my own body again "
            "between naps."
        ),
        "role": "member",
    },
]

ARTICLES: list[dict[str, Any]] = [
    {
        "slug": "gluteus-medius-anatomy-and-function",
        "title": "The gluteus medius: anatomy and function of your side hip muscle",
        "summary": (
            "Where the gluteus medius sits, how its three parts work, why it matters every "
            "time you stand on one leg, and why some everyday positions irritate a sore tendon."
        ),
        "author": "physio_amara",
        "reviewed_by": "dr_lindqvist",
        "illustration": "gluteus_medius",
        "last_reviewed_days_ago": 30,
        "published_days_ago": 120,
        "conditions": [
            "gluteus-medius-tendinopathy",
            "gluteal-tendinopathy",
            "greater-trochanteric-pain-syndrome",
        ],
        "body": """
## Where the muscle lives

Put your hand on the side of your hip, just below the bony rim of the pelvis, and your palm
is resting over the gluteus medius. It is a fan-shaped muscle that starts on the broad outer
surface of the pelvic bone (the ilium) and narrows into a thick tendon. That tendon anchors
onto a bony bump at the top of the thigh bone called the greater trochanter, which most
people can feel as the widest point of their hips.

The gluteus medius is part of a layered arrangement. The large gluteus maximus covers its
back portion, the smaller gluteus minimus lies underneath it, and the tensor fasciae latae
(TFL) sits just in front. Between the tendons and the tissues on top of them are small
fluid-filled sacs called bursae, which help neighbouring structures glide past one another.

## Three parts, three jobs

Anatomists often describe the muscle in three sections, based on the direction its fibres
run:

- **Front (anterior) fibres** angle slightly forwards. They help lift the thigh out to the
  side and turn it inwards.
- **Middle fibres** run more or less straight up and down. They are the main side-lifters,
  or abductors, of the hip.
- **Back (posterior) fibres** angle backwards. They help turn the thigh outwards and are
  especially busy holding the pelvis steady when you put weight through one leg.

The boundaries between the parts are blurred, and they work together much more than they
work alone. The idea is still useful, because it explains why this one muscle contributes to
so many movements, and why a single exercise rarely trains all of it equally.

## Standing on one leg

The gluteus medius earns its keep less by moving the leg and more by stopping the pelvis
from moving. Try this: stand beside a wall for balance and lift one foot off the floor. The
instant you do, your body weight tries to tip the pelvis down towards the side with no
support. The gluteus medius of the standing leg switches on and pulls the pelvis level, a
bit like a guy rope holding a tent pole upright.

This happens with every step you take. When walking, each leg spends a large share of its
cycle carrying your weight alone. When running there is no moment with both feet on the
ground at all: you are on one leg or in the air. The forces through the outer hip tendons
during running are several times higher than in quiet standing, and they rise further with
hills, stairs, longer strides and tiredness.

## The Trendelenburg sign, in plain words

Clinicians often ask people to stand on one leg for about half a minute and watch what
happens. If the hip muscles on the standing side are not coping, the pelvis on the opposite
side drops, or the person leans their upper body over the standing leg to make up for it.
This is called a positive Trendelenburg sign. During walking the same pattern can show up as
a side-to-side waddle or lurch.

A positive test is not a diagnosis on its own. Pain can make the muscle hold back, and nerve
problems, joint problems and plain weakness can all create the same picture. It is one clue
that a clinician puts together with your story and other tests.

## Why some positions aggravate a sore tendon

When the tendon of gluteus medius (and often gluteus minimus) becomes irritable and less
able to tolerate load, the condition is called gluteal tendinopathy. It is one of the most
common sources of pain on the outer hip, a pattern often labelled greater trochanteric pain
syndrome.

Tendons generally dislike being squashed against bone, particularly while they are also
being stretched. Several everyday positions do exactly that:

- **Lying on the painful side** presses the tendon between the mattress and the greater
  trochanter.
- **Lying on the other side** with the top knee dropped towards the bed pulls the sore hip
  into adduction, meaning the thigh crosses towards the midline. That draws the tendon
  tightly over the bony bump, and many people find it is even worse than lying on the sore
  side.
- **Crossing the legs, standing with your weight hitched onto one hip, or sinking into a
  low, deep chair** produce a similar mix of tension and compression.

Stretches that pull the leg across the body, such as the popular figure-four stretch or the
classic standing stretch for the iliotibial band, can also load the tendon in this
compressed position. That is one reason why stretching on its own often disappoints people
with this problem, and sometimes makes it worse.

## What this means day to day

Knowing the anatomy points towards a few sensible habits. A pillow between the knees when
lying on your side keeps the top thigh level. Standing with your weight evenly on both feet,
and sitting with your knees no lower than your hips, both reduce compression. Progressive
strengthening, usually beginning with gentle holds and building towards single-leg work,
gives the tendon the stimulus it needs to adapt.

None of this replaces an assessment. Outer hip pain has several possible sources, including
the hip joint itself and the lower back, and a physiotherapist or doctor can help work out
which one applies to you. Seek medical help promptly if hip pain follows a fall and you
cannot put weight through the leg, if the joint is hot and swollen and you feel feverish, or
if you notice numbness around the groin and buttocks or changes in bladder or bowel control.

## Key points

- The gluteus medius runs from the outer pelvis to the greater trochanter and has front,
  middle and back fibres.
- Its most important job is keeping the pelvis level when you stand on one leg, which
  includes every step of walking and running.
- A dropping pelvis or a trunk lean on single-leg standing (the Trendelenburg sign) is a
  clue, not a diagnosis.
- Squashing the tendon against bone, especially with the thigh drawn across the body, is a
  common aggravating factor in tendinopathy.
""",
        "comments": [
            {
                "author": "hillrunner_k",
                "body": (
                    "Really clear explanation, thank you. I'm building up for a hilly half marathon "
                    "and my right outer hip gets grumpy after long climbs. Should I drop hill "
                    "sessions entirely, or is there a way to keep them in?"
                ),
                "replies": [
                    {
                        "author": "physio_amara",
                        "body": (
                            "Good question. You usually don't need to abandon hills, but it helps to "
                            "reduce how much climbing you do in one go and watch how the hip responds "
                            "over the next 24 hours. Short repeats with walk-down recoveries are often "
                            "easier to tolerate than long sustained climbs. If the hip is clearly worse "
                            "the next morning, the dose was probably too high."
                        ),
                        "replies": [
                            {
                                "author": "hillrunner_k",
                                "body": (
                                    "That 24-hour check is useful. How much pain during the session is "
                                    "acceptable? I have a habit of just pushing through."
                                ),
                                "replies": [
                                    {
                                        "author": "physio_amara",
                                        "body": (
                                            "Many clinicians use a rough guide: mild discomfort, up to about 3 "
                                            "out of 10, that settles quickly and isn't worse the next day is "
                                            "usually fine. Pushing through sharp or climbing pain is where "
                                            "people get into trouble. It's a rule of thumb rather than a law, "
                                            "so check it with whoever is looking after your hip."
                                        ),
                                        "replies": [
                                            {
                                                "author": "tri_swimbikerun",
                                                "body": (
                                                    "I used exactly that 3 out of 10 rule last season and it stopped "
                                                    "me doing the one-more-rep thing that always flared me up. "
                                                    "Writing the score in my training log each morning made "
                                                    "patterns easy to spot."
                                                ),
                                                "replies": [
                                                    {
                                                        "author": "hillrunner_k",
                                                        "body": (
                                                            "Stealing the training log idea. Did you score it before "
                                                            "getting out of bed, or after walking around for a bit?"
                                                        ),
                                                        "replies": [
                                                            {
                                                                "author": "tri_swimbikerun",
                                                                "body": (
                                                                    "On the first few steps after getting up, because "
                                                                    "that was when it was most honest for me. By "
                                                                    "lunchtime it always felt better than it really was."
                                                                ),
                                                                "replies": [
                                                                    {
                                                                        "author": "physio_amara",
                                                                        "body": (
                                                                            "That's a sensible approach. Pain and stiffness "
                                                                            "on the first steps of the day is a handy marker "
                                                                            "for tendons, as long as you measure it the same "
                                                                            "way each morning."
                                                                        ),
                                                                        "replies": [],
                                                                    },
                                                                ],
                                                            },
                                                        ],
                                                    },
                                                ],
                                            },
                                        ],
                                    },
                                ],
                            },
                        ],
                    },
                ],
            },
            {
                "author": "desk_bound_dev",
                "body": (
                    "The part about crossing legs hit home. I sit cross-legged at my desk most of "
                    "the day and my left hip aches by mid-afternoon. Is sitting itself the problem, "
                    "or just the way I sit?"
                ),
                "replies": [
                    {
                        "author": "dr_lindqvist",
                        "body": (
                            "Mostly the way you sit, and how long you stay still. Low chairs and crossed "
                            "knees put the tendon in that squeezed and stretched position. Try raising "
                            "the seat so your hips are level with or a little above your knees, keep "
                            "your feet apart, and get up every 30 to 45 minutes, even briefly."
                        ),
                        "replies": [
                            {
                                "author": "desk_bound_dev",
                                "body": (
                                    "I set a timer today and the end-of-day ache is already milder. Is a "
                                    "standing desk worth buying?"
                                ),
                                "replies": [
                                    {
                                        "author": "dr_lindqvist",
                                        "body": (
                                            "It can help as part of a mix, but standing all day with your "
                                            "weight hitched onto one hip can be just as irritating. The goal is "
                                            "to change position often, not to swap one fixed posture for "
                                            "another."
                                        ),
                                        "replies": [],
                                    },
                                ],
                            },
                        ],
                    },
                ],
            },
            {
                "author": "trailwalker_59",
                "body": (
                    "I'm 62 and was told two years ago that I had bursitis. Reading this, it sounds "
                    "much more like the tendon. Was the old diagnosis wrong?"
                ),
                "replies": [
                    {
                        "author": "physio_amara",
                        "body": (
                            "Not wrong so much as older terminology. Imaging studies have shown that the "
                            "tendons are usually involved and the bursa is often not the main problem, "
                            "so many clinicians now prefer the broader term greater trochanteric pain "
                            "syndrome. The management is broadly similar either way, with education and "
                            "a graded loading programme at the centre."
                        ),
                        "replies": [
                            {
                                "author": "trailwalker_59",
                                "body": (
                                    "That makes sense. I was only ever given stretches, and the figure-four "
                                    "one always made things worse."
                                ),
                                "replies": [
                                    {
                                        "author": "newmum_hips",
                                        "body": (
                                            "Same here. I dropped that stretch after reading this article and "
                                            "my nights got noticeably better within a couple of weeks."
                                        ),
                                        "replies": [],
                                    },
                                ],
                            },
                        ],
                    },
                ],
            },
            {
                "author": "plie_paz",
                "body": (
                    "As a dancer I spend a lot of time standing on one leg with the other turned "
                    "out. Does turnout change which part of the muscle is working?"
                ),
                "replies": [
                    {
                        "author": "physio_amara",
                        "body": (
                            "It shifts the emphasis. Holding the supporting hip steady with the thigh "
                            "rotated outwards tends to recruit the back fibres more, together with the "
                            "deep rotators. A physio who knows dance can help you grade that load "
                            "sensibly across class and rehearsal."
                        ),
                        "replies": [
                            {
                                "author": "mod_rowan",
                                "body": (
                                    "A quick note from the moderators: we also have tags for snapping hip "
                                    "and hip flexor strain, which come up a lot with dancers. Feel free to "
                                    "start your own question thread with the details."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                ],
            },
        ],
    },
    {
        "slug": "glute-self-release-with-a-massage-ball",
        "title": "Self-release for the glutes with a lacrosse or massage ball: a safe how-to",
        "summary": (
            "How to use a ball on your buttock muscles without irritating sore tendons or "
            "nerves: where to place it, how long to stay, what it can and cannot achieve, and "
            "when to stop."
        ),
        "author": "editor_sam",
        "reviewed_by": "physio_amara",
        "illustration": "ball_against_a_wall",
        "last_reviewed_days_ago": 40,
        "published_days_ago": 90,
        "conditions": [
            "gluteal-trigger-points",
            "deep-gluteal-syndrome",
            "greater-trochanteric-pain-syndrome",
        ],
        "body": """
## Why people reach for a ball

A lacrosse ball, a firm massage ball or even an old tennis ball is one of the cheapest items
in any kit bag. Leaning into a stiff buttock can feel satisfying, and plenty of people say
it eases that locked-up feeling after a long day at a desk or a hard training session. Used
well, it is a reasonable thing to try. Used carelessly, it can irritate sore tendons and
nerves. This guide explains how to get the benefits while staying out of trouble.

## What it can and cannot do

**What it may do:**

- Give short-term relief from a feeling of tightness or aching in the buttock muscles.
- Make movement feel easier for a while, which can help you ease into exercise.
- Help you notice where you are tender, which is useful to describe to a clinician.

**What it will not do:**

- Break up knots or permanently lengthen muscle. Research suggests that pressure techniques
  work mainly by changing how the nervous system processes sensation, and the effect usually
  fades within hours.
- Heal an irritated tendon. Tendons need gradual, well-measured loading to become more
  robust.
- Replace a diagnosis. Buttock pain can come from the hip joint, the lower back, the
  sacroiliac joint or nerves, and a ball cannot tell you which.

Studies on self-massage tools tend to be small and short, so the fairest summary is that the
evidence supports modest, temporary benefits at best.

## Check before you start

Speak to a clinician first if you take blood-thinning medicine, bruise easily, have
osteoporosis, are pregnant, have had recent surgery or injury in the area, or have pain that
nobody has explained yet. Do not press over broken skin, rashes, varicose veins or areas
that feel numb.

## Where to put the ball

Aim for the fleshy parts of the buttock:

- The upper outer buttock, roughly a hand's width below the top of the pelvis and a little
  towards the back.
- The middle of the buttock.
- The muscle just beside the flat bone at the base of the spine (the sacrum), rather than on
  the bone itself.

**Keep the ball off the greater trochanter**, the bony point on the side of the hip. If your
pain comes from the gluteal tendons, pressing onto that bump squashes the very tissue that
is sore, and people often feel worse afterwards. Rolling along the outside of the thigh over
the iliotibial band is also unlikely to help and is mostly just painful.

Take care in the lower middle part of the buttock, where the sciatic nerve runs. If you feel
tingling, burning, an electric jolt or pain shooting down your leg, move the ball away at
once.

## A simple method

1. **Start standing against a wall.** Controlling the pressure is much easier than when
   lying on the floor. Place the ball between the wall and your buttock.
2. **Lean in gently** until you find a spot that feels tender but tolerable. On a scale of 0
   to 10, stay around 4 or 5. You should be able to breathe slowly and keep your jaw and
   shoulders relaxed.
3. **Hold for 30 to 90 seconds.** The discomfort often fades during the hold. You can also
   make small, slow movements, such as bending the knee slightly or shifting your weight.
4. **Move on** to one or two other spots. Spend about three to five minutes per side in
   total. More is not better.
5. **Progress to the floor** only if the wall feels too light, and keep the same limits on
   intensity and time.

Once a day, or before a training session, is plenty for most people.

## How it should feel afterwards

Within a few minutes you should feel the same or slightly looser. Mild tenderness that has
gone by the next morning is acceptable. Bruising, a lingering ache or a flare of your usual
pain the following day suggests you pressed too hard, stayed too long or chose the wrong
spot.

## When to stop and get advice

Stop and get advice if you notice:

- Sharp pain, or pain that builds during a hold instead of easing.
- Pins and needles, numbness or weakness in the leg.
- Bruising or swelling.
- Symptoms that are no better after two or three weeks of sensible use.

Seek urgent care for back or buttock pain together with numbness around the genitals or back
passage, new difficulty controlling your bladder or bowels, or a fever with a hot, swollen
joint.

## Pair it with strengthening

The best use of a ball is as a short warm-up that makes exercise more comfortable. A
practical session might be three minutes of ball work on each side followed by your
strengthening programme: bridges, standing hip holds against a wall, sit-to-stands or
step-ups, whatever your physiotherapist has set. Over the following weeks the strength work
does the heavy lifting, and many people find they reach for the ball less and less.

## Key points

- A massage ball can give short-term relief; it does not repair tendons or lengthen muscle.
- Stay on the fleshy parts of the buttock and away from the bony outer hip and the sciatic
  nerve.
- Keep it to a few minutes per side at moderate pressure.
- Use it alongside progressive strengthening, not instead of it.
""",
        "comments": [
            {
                "author": "desk_bound_dev",
                "body": (
                    "I had been rolling straight onto the bony bit of my hip for months because it "
                    "felt like good pain. I switched to the upper buttock as described here and my "
                    "evenings are noticeably calmer."
                ),
                "replies": [
                    {
                        "author": "physio_amara",
                        "body": (
                            "Thanks for sharing that. So-called good pain over the tendon is a common "
                            "trap: the relief is brief and the flare arrives later. Keep the strength "
                            "work going alongside and you'll likely see more progress."
                        ),
                        "replies": [],
                    },
                ],
            },
            {
                "author": "tri_swimbikerun",
                "body": ("Is a foam roller any different from a ball for this?"),
                "replies": [
                    {
                        "author": "editor_sam",
                        "body": (
                            "A roller spreads the pressure over a wider area, so it feels gentler but is "
                            "less targeted. The same principles apply: keep it brief, stay off the bony "
                            "outer hip and treat it as a warm-up rather than the main event."
                        ),
                        "replies": [
                            {
                                "author": "tri_swimbikerun",
                                "body": (
                                    "Makes sense. I'll keep the roller for my quads and use the ball for the "
                                    "glutes."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                ],
            },
            {
                "author": "plie_paz",
                "body": (
                    "In my company people pass massage balls around like sweets. Good to see a time "
                    "limit, because some of us lie on them for half an hour."
                ),
                "replies": [],
            },
        ],
    },
    {
        "slug": "dry-needling-and-acupuncture-for-gluteal-pain",
        "title": (
            "Dry needling and acupuncture for gluteal pain: what the evidence does and "
            "does not show"
        ),
        "summary": (
            "Needling is one option among several for buttock and outer hip pain. Here is an "
            "honest look at the mixed evidence, where it might fit alongside exercise, and how "
            "to stay safe."
        ),
        "author": "dr_lindqvist",
        "reviewed_by": "physio_amara",
        "last_reviewed_days_ago": 20,
        "published_days_ago": 75,
        "conditions": [
            "gluteal-trigger-points",
            "greater-trochanteric-pain-syndrome",
            "gluteal-tendinopathy",
        ],
        "body": """
## The short version

Dry needling and acupuncture are sometimes offered for buttock and outer hip pain. Some
people find them helpful in the short term. The research behind them is modest and mixed,
and neither should replace the core of care for most gluteal problems: understanding which
positions aggravate your pain and following a gradually progressed exercise programme. If
you are curious, think of needling as one option among several, not a requirement and not a
cure.

## What is the difference?

Both use fine, solid needles, and nothing is injected. The reasoning behind them differs.

- **Dry needling** is usually carried out by physiotherapists, doctors and some other
  clinicians. The needle is directed at a tender, tight spot in a muscle, often called a
  trigger point, with the aim of reducing pain and muscle tension. Practitioners sometimes
  try to provoke a brief twitch in the muscle.
- **Acupuncture** comes from traditional Chinese medicine, in which needles are placed at
  defined points along pathways described by that tradition. Western medical acupuncture
  uses the same technique but explains its effects in terms of nerves and pain processing.

In practice the two overlap a great deal, and for gluteal pain the needles often end up in
similar places.

## What the evidence says

The honest answer is that it is uncertain.

- Trials of dry needling for muscle-related pain in various parts of the body have found
  small reductions in pain in the days to weeks after treatment in some studies, but the
  results are not consistent.
- When needling is compared with sham procedures, such as retractable needles or shallow
  needling away from the target, the difference is often small. That suggests expectation,
  attention and the ritual of treatment explain part of the benefit.
- Many studies are small, short and hard to blind, because both patient and practitioner
  usually know what is being done.
- For greater trochanteric pain syndrome and gluteal tendinopathy specifically, there is
  very little good-quality research on needling. Education combined with progressive
  exercise, by contrast, has been tested in larger trials with longer follow-up and performs
  well.
- There is no convincing evidence that needling produces lasting changes in a tendon.

Putting that together, it is reasonable to say that needling may give short-term relief to
some people, particularly when muscle tenderness is a big part of the picture, and that on
its own it is unlikely to change the long-term course of the problem.

## Where it might fit

If needling is offered, its most sensible role is as a short-term add-on: something that
takes the edge off pain so you can get on with strengthening and daily activity. A good
clinician will explain this at the outset, agree a limited number of sessions (often a
handful) and check whether it is actually helping. If you notice no meaningful change after
three or four sessions, it is fair to stop.

Be wary of any plan in which needling is the main or only treatment for weeks on end, or in
which you are asked to pay up front for a long course.

## Safety

In trained hands, serious problems are uncommon. Minor effects are fairly frequent and
usually settle within a day or two:

- Soreness or a bruised feeling where the needle went in.
- Small bruises or a spot of bleeding.
- Tiredness, light-headedness or, occasionally, fainting, especially at a first session.

Rare but important risks include infection, nerve irritation and, when needling over the
chest wall or upper back, a collapsed lung. The buttock is generally a lower-risk area, but
the sciatic nerve runs through it, so good anatomical knowledge matters.

To keep yourself safe:

- Choose a practitioner who is registered with a recognised professional body and has
  specific training in the technique.
- Check that single-use, sterile needles are used and disposed of properly.
- Mention it if you take blood thinners or have a bleeding disorder, diabetes, a weakened
  immune system, a pacemaker or other implanted device (especially if electrical stimulation
  is planned), a metal allergy, or if you are pregnant.
- Speak up if you feel faint, or if a needle causes sharp, shooting or electric pain.

Needling is not appropriate over infected or broken skin, and it is fine to decline if you
have a strong fear of needles.

## Questions worth asking

- What do you think is causing my pain, and why do you expect needling to help with it?
- How many sessions will we try before deciding whether it is working?
- Which exercises should I be doing alongside it?
- What side effects should I expect, and what should prompt me to contact you?

## When needling is not the answer

Some symptoms point to a problem that needs medical assessment rather than any hands-on
treatment. Seek urgent care for numbness in the saddle area, loss of bladder or bowel
control, rapidly worsening leg weakness, a fever with a hot or swollen joint, or severe pain
after a fall. Constant night pain that does not change with position, or pain together with
unexplained weight loss, should also be discussed with a doctor promptly.

## Key points

- Dry needling and acupuncture are options that some people find helpful for short-term pain
  relief.
- The evidence is modest and mixed, and particularly thin for outer hip tendon problems.
- They work best, if at all, as an add-on to education and progressive loading, never as a
  substitute.
- Choose a qualified, registered practitioner and share your health history first.
""",
        "comments": [
            {
                "author": "hillrunner_k",
                "body": (
                    "I had three sessions of dry needling last spring. I felt looser for a day or "
                    "two each time, but the real change came once I stuck with the strength "
                    "programme. This matches my experience well."
                ),
                "replies": [
                    {
                        "author": "dr_lindqvist",
                        "body": (
                            "Thanks for sharing. That's a very common story and a helpful one for "
                            "other readers to hear."
                        ),
                        "replies": [],
                    },
                ],
            },
            {
                "author": "newmum_hips",
                "body": ("Is needling safe while breastfeeding?"),
                "replies": [
                    {
                        "author": "dr_lindqvist",
                        "body": (
                            "Breastfeeding on its own isn't a reason to rule it out, since nothing is "
                            "injected, but do tell your practitioner, along with anything relevant from "
                            "your pregnancy and birth. Some practitioners avoid particular points in the "
                            "months after birth, so it's worth discussing with them directly."
                        ),
                        "replies": [],
                    },
                ],
            },
            {
                "author": "trailwalker_59",
                "body": (
                    "I fainted at my first acupuncture session years ago and nobody had warned me "
                    "it could happen. Glad to see it mentioned here."
                ),
                "replies": [
                    {
                        "author": "physio_amara",
                        "body": (
                            "Sorry that happened to you. It's one reason many of us treat people lying "
                            "down at a first session and check in with them often."
                        ),
                        "replies": [],
                    },
                ],
            },
        ],
    },
    {
        "slug": "living-with-greater-trochanteric-pain-syndrome",
        "title": "Living with greater trochanteric pain syndrome: sleep, sitting, stairs and load",
        "summary": (
            "Practical ways to ease outer hip pain at night, at your desk and on the stairs, how "
            "to manage load, and what research suggests about exercise compared with injections."
        ),
        "author": "physio_amara",
        "reviewed_by": "dr_lindqvist",
        "last_reviewed_days_ago": 15,
        "published_days_ago": 60,
        "conditions": [
            "greater-trochanteric-pain-syndrome",
            "gluteal-tendinopathy",
            "gluteus-medius-tendinopathy",
            "gluteus-minimus-tendinopathy",
        ],
        "body": """
## What you are dealing with

Greater trochanteric pain syndrome, often shortened to GTPS, describes pain over the outside
of the hip around the bony prominence at the top of the thigh bone. Older reports tended to
call it trochanteric bursitis, but in most people the tendons of gluteus medius and gluteus
minimus are at the heart of the problem, with the bursa sometimes playing a supporting role.
It is especially common in women in their forties to sixties, and it also turns up in
runners and walkers who have stepped up their activity quickly.

GTPS often lingers for months, which can be discouraging. The encouraging part is that
small, consistent changes to daily habits, combined with the right kind of exercise, help
most people a great deal.

## Sleeping

Night pain is one of the most draining parts of GTPS. Some ideas that many people find
useful:

- **Avoid lying directly on the sore side** for now, where you can.
- **When lying on the other side, put one or two pillows between your knees** and lower legs
  so the top thigh stays level instead of dropping towards the mattress.
- **Try lying on your back** with a pillow under your knees.
- **Soften the surface.** A foam topper or a folded duvet can reduce pressure on the outer
  hip if you do roll onto it.

A new sleeping position can take a week or two to feel natural, so give it time.

## Sitting

- Choose a seat high enough that your hips are level with, or slightly above, your knees.
  Low sofas and car seats are frequent culprits, and a firm cushion can help.
- Keep your knees roughly hip-width apart and avoid crossing your legs.
- Stand up and move around every half hour or so during long spells of sitting.
- Getting into a car, sit down sideways first, then swing both legs in together.

## Standing

Try not to hang on one hip with the pelvis pushed out to the side, a habit that creeps in
while queuing or cooking. Share your weight evenly between both feet.

## Stairs and slopes

Climbing asks a lot of the gluteal tendons. While things are irritable:

- Use the handrail.
- Lead with the less painful leg when going up, and with the sore leg when coming down, so
  the stronger side does the harder work.
- Take shorter steps on hills and consider walking poles for longer outings.

These are temporary tactics. As your strength improves you can gradually return to taking
stairs normally.

## Managing load

Tendons respond to the load placed on them. Too much, too soon provokes pain; too little for
too long leaves them weaker and less tolerant. The aim is to find a comfortable middle
ground and then build on it.

- **Watch the 24-hour response.** Activity that causes mild discomfort which has settled by
  the next morning is usually fine. If pain is clearly worse the following day, scale back a
  little rather than stopping altogether.
- **Break activity into chunks.** Two 20-minute walks are often easier than one 40-minute
  walk.
- **Avoid sudden jumps** in walking or running distance, hill work or new classes.
- **Consider body weight.** For people carrying extra weight, even modest weight loss
  reduces load through the hip, and a GP can help with support.

## Exercise

A physiotherapist will usually build a programme in stages:

1. **Isometric holds**, where the muscle works without the joint moving, such as pressing
   the knees outwards against a belt while lying on your back. These often settle pain.
2. **Strengthening in comfortable positions**, such as bridges, sit-to-stands and standing
   hip exercises.
3. **Functional and single-leg work**, such as step-ups and controlled single-leg balance,
   which prepare the hip for walking, stairs and sport.

Progress is measured in weeks to months rather than days, and many programmes run for at
least eight to twelve weeks.

## Injections compared with education and exercise

Corticosteroid injections around the outer hip have been used for many years and are still
widely offered. What does the research suggest, in general terms?

- An injection often reduces pain for a period of several weeks.
- In trials that followed people for around a year, a programme of education and exercise
  did as well as or better than an injection, and pain commonly returned after the injection
  wore off.
- Repeated injections may carry risks for the tendon and nearby tissues, and side effects
  such as thinning or paler skin at the site, a temporary rise in blood sugar for people
  with diabetes, and facial flushing can occur.
- Other options, such as shockwave therapy, have some supportive evidence, though the
  picture is less clear.

None of this means an injection is never appropriate. For someone whose pain is so severe
that they cannot sleep or get started with exercise, a short-term reduction in pain can be a
useful bridge. It is a decision to make with your own doctor, weighing up your situation,
and ideally alongside a loading programme rather than instead of one.

## When to seek help quickly

Outer hip pain is rarely an emergency, but get urgent medical attention if pain follows a
fall and you cannot bear weight, if the hip is hot and swollen and you feel feverish or
unwell, if severe pain comes on suddenly without an obvious reason, or if you develop
numbness between the legs or problems controlling your bladder or bowels.

## Key points

- GTPS is mostly a tendon problem, and the old bursitis label is less accurate.
- Changing how you sleep, sit and stand reduces compression of the sore tendons.
- Managing load, rather than resting completely, is the aim.
- Education plus exercise has strong support; injections can help in the short term, but
  pain often returns.
""",
        "comments": [
            {
                "author": "trailwalker_59",
                "body": (
                    "The pillow between the knees has been the single most useful change for me. "
                    "Three weeks in and I'm sleeping through most nights."
                ),
                "replies": [
                    {
                        "author": "physio_amara",
                        "body": (
                            "Lovely to hear. Sleep often improves before daytime pain settles, so it's "
                            "an encouraging sign."
                        ),
                        "replies": [],
                    },
                ],
            },
            {
                "author": "desk_bound_dev",
                "body": (
                    "Does the advice on which leg leads on the stairs still apply if both hips hurt?"
                ),
                "replies": [
                    {
                        "author": "physio_amara",
                        "body": (
                            "If both sides are sore, use the rail, take one step at a time and lead with "
                            "whichever leg feels better that day. A physio can help you build tolerance "
                            "on both sides from there."
                        ),
                        "replies": [],
                    },
                ],
            },
            {
                "author": "tri_swimbikerun",
                "body": (
                    "I appreciated the balanced section on injections. My GP explained it in much "
                    "the same way."
                ),
                "replies": [],
            },
        ],
    },
    {
        "slug": "piriformis-deep-gluteal-pain-and-sciatica",
        "title": (
            "Piriformis, deep gluteal pain or sciatica? Telling them apart and knowing the "
            "red flags"
        ),
        "summary": (
            "Buttock pain that travels down the leg has several possible sources. Learn the "
            "main differences, how clinicians sort them out, and which symptoms need emergency "
            "care."
        ),
        "author": "dr_lindqvist",
        "reviewed_by": "physio_amara",
        "last_reviewed_days_ago": 10,
        "published_days_ago": 45,
        "conditions": [
            "piriformis-syndrome",
            "deep-gluteal-syndrome",
            "sciatica",
            "sacroiliac-joint-pain",
            "proximal-hamstring-tendinopathy",
        ],
        "body": """
## Why the confusion?

Pain deep in the buttock that sometimes spreads down the back of the leg is one of the most
common reasons people go searching for answers. It might be called sciatica, piriformis
syndrome or deep gluteal syndrome, sometimes all three by different people. These conditions
overlap and can feel very alike, but their causes differ, and so does the approach to each.
This article sets out the main differences in plain terms and, most importantly, lists the
warning signs that mean you should get help straight away.

## Sciatica (lumbar radiculopathy)

The sciatic nerve is formed from several nerve roots that leave the lower spine. When one of
those roots is irritated or squeezed, usually by a bulging disc and sometimes by narrowing
of the spaces in the spine, pain travels along the course of the nerve. Typical features
include:

- Leg pain that is often worse than any back pain and commonly reaches below the knee,
  sometimes into the foot.
- Pins and needles, numbness or weakness in a particular strip of the leg or foot.
- Pain that increases when you cough, sneeze or strain.
- Symptoms that change with bending, sitting or other changes in spinal position.

Most episodes of sciatica improve over weeks to a few months with staying as active as you
can, pain relief and exercise guided by a clinician.

## Deep gluteal syndrome

Here the problem is thought to lie lower down, in the buttock itself. The sciatic nerve
passes through a space beneath the gluteus maximus, surrounded by small rotator muscles,
blood vessels and the hamstring attachment on the sit bone. Irritation or tethering of the
nerve within this space is called deep gluteal syndrome. Common features are:

- Pain centred in the buttock, often with tenderness deep to the muscle.
- Discomfort that builds with sitting, especially on hard seats or while driving.
- Sometimes pain or tingling down the back of the thigh, usually without the obvious back
  involvement seen in sciatica.

## Where piriformis fits in

Piriformis syndrome is one type of deep gluteal syndrome, in which the piriformis muscle is
suspected of irritating the nerve. It does exist, but it is probably diagnosed more often
than it truly occurs, partly because a tender piriformis is common in people with many
different kinds of buttock pain. No single test confirms it, so clinicians tend to reach
this diagnosis only after looking carefully for other causes.

## Other look-alikes

Several other problems produce buttock pain that can be mistaken for the conditions above:

- **Proximal hamstring tendinopathy:** localised pain at the sit bone, worse with sitting
  and with fast or uphill running.
- **Sacroiliac joint pain:** a one-sided ache near the dimple at the base of the back.
- **Hip joint problems:** usually felt in the groin, but they can refer pain into the
  buttock.
- **Gluteal trigger points:** tender spots in the buttock muscles that reproduce a familiar
  ache.

## How a clinician tells them apart

Most of the work is done through a careful conversation and examination. Expect questions
about where the pain is, where it travels, what eases or aggravates it, and whether you have
noticed tingling, numbness or weakness. Your clinician will check how your back and hip
move, test how sensitive the nerve is when the leg is raised, and examine reflexes,
sensation and muscle strength.

Most people do not need a scan in the early weeks. An MRI may be arranged when symptoms are
severe or persistent, when an injection or surgery is being considered, or when warning
signs are present. Nerve conduction studies are occasionally used when the picture is
unclear. Remember that scans frequently show disc bulges and other changes in people with no
pain at all, so images are always interpreted alongside your symptoms.

## Red flags: when to get help now

Go to an emergency department straight away, or call your local emergency number, if back or
buttock pain comes with any of the following:

- **Numbness or altered feeling in the saddle area:** around the genitals, the back passage
  or the inner upper thighs, for example noticing less feeling when you wipe.
- **New difficulty passing urine**, loss of bladder control or a feeling that your bladder
  has not emptied.
- **Loss of bowel control.**
- **New changes in sexual function**, such as reduced sensation.
- **Pain, numbness or weakness in both legs**, or weakness that is getting rapidly worse,
  such as a foot starting to slap or drag.

These can be signs of cauda equina syndrome, in which the bundle of nerves at the base of
the spine is compressed. It is uncommon, but it needs same-day assessment and usually an
urgent scan, because delay can lead to permanent problems. Do not wait for a routine
appointment.

Seek prompt medical review, on the same or the next day, if you have back or buttock pain
together with fever or feeling generally unwell, a history of cancer, unexplained weight
loss, a significant fall or accident, or pain that is severe and constant, including at
night, and does not change with position.

## Sensible first steps for everyday buttock pain

- Keep moving within comfortable limits; bed rest tends to slow recovery.
- Break up long periods of sitting, and experiment with a cushion or a different seat.
- Pause any aggressive stretches that sharply provoke leg symptoms.
- Get an assessment if symptoms last more than a few weeks or are affecting sleep or work.

## Key points

- Sciatica starts in the lower back; deep gluteal syndrome, including piriformis syndrome,
  involves the nerve in the buttock.
- Leg pain below the knee, altered sensation and pain on coughing lean towards a back
  source.
- Piriformis syndrome exists but is easy to over-diagnose.
- Saddle numbness, bladder or bowel changes, or weakness in both legs need emergency care.
""",
        "comments": [
            {
                "author": "desk_bound_dev",
                "body": (
                    "The point about coughing and sneezing is interesting; I had never linked that "
                    "to my leg pain. Booking an assessment."
                ),
                "replies": [
                    {
                        "author": "dr_lindqvist",
                        "body": (
                            "Good plan. Jot it down, along with anything else that changes your "
                            "symptoms, so you can give a clear picture at the appointment."
                        ),
                        "replies": [],
                    },
                ],
            },
            {
                "author": "mod_rowan",
                "body": (
                    "Moderator note: if you are reading this because you have any of the red-flag "
                    "symptoms listed above, please stop reading and seek emergency care now. This "
                    "forum cannot assess urgent problems."
                ),
                "replies": [],
            },
            {
                "author": "hillrunner_k",
                "body": (
                    "Useful to learn that a tender piriformis doesn't automatically mean piriformis "
                    "syndrome. It explains why stretching it never helped me."
                ),
                "replies": [
                    {
                        "author": "physio_amara",
                        "body": (
                            "Exactly. Tenderness tells us an area is sensitive, not necessarily why. A "
                            "broader assessment usually finds the real driver."
                        ),
                        "replies": [
                            {
                                "author": "hillrunner_k",
                                "body": (
                                    "In my case it turned out to be the hamstring tendon at the sit bone, "
                                    "so that rings true."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                ],
            },
        ],
    },
    {
        "slug": "returning-to-running-after-gluteal-tendinopathy",
        "title": "Returning to running after gluteal tendinopathy: a gradual plan",
        "summary": (
            "Signs you may be ready for a first run, a simple walk-run progression, and how to "
            "handle hills, cadence, strength work and pain monitoring on the way back."
        ),
        "author": "editor_sam",
        "reviewed_by": "physio_amara",
        "last_reviewed_days_ago": 20,
        "published_days_ago": 20,
        "conditions": [
            "gluteal-tendinopathy",
            "gluteus-medius-tendinopathy",
            "greater-trochanteric-pain-syndrome",
        ],
        "body": """
## Before you lace up

Coming back to running after gluteal tendinopathy is a bit like reopening a bridge: it pays
to check the supports before the traffic returns. Running loads the outer hip tendons more
than almost any everyday activity, because every stride ends in a brief single-leg landing.
Returning too soon, or building up too fast, is one of the most common reasons people flare
up again.

This guide describes a general framework. Your physiotherapist may adapt it for you, and it
does not replace their advice.

## Signs you may be ready

Many clinicians look for a handful of markers before a first run. Useful examples include:

- Walking briskly for 30 minutes without pain during or afterwards.
- Night pain has settled, or is mild and no longer disturbs sleep.
- Standing on the affected leg for 30 seconds with the pelvis level and no pain.
- Completing around 15 slow single-leg sit-to-stands, or step-downs from a low step, with
  good control.
- Gentle hopping on the spot on both legs, then on one, without pain rising beyond mild.

If some of these still hurt, spending a few more weeks on strength work is not a failure. It
often shortens the overall journey.

## A walk-run start

A gradual walk-run plan lets the tendon meet running load in small doses. One common
approach:

1. **Week 1:** three sessions on non-consecutive days of 1 minute running and 2 minutes
   walking, repeated 5 or 6 times.
2. **Week 2:** 2 minutes running and 2 minutes walking, repeated 5 or 6 times.
3. **Week 3:** 3 to 4 minutes running and 1 minute walking, repeated 4 or 5 times.
4. **Week 4 onwards:** gradually lengthen the running blocks until you can run continuously
   for 20 to 30 minutes.

Only move up a step when the current one feels comfortable both during the session and the
following morning. Repeating a week is normal and sensible.

## Terrain and technique

- **Start on flat, even ground.** Hills raise the load on the side glutes, and cambered
  roads tilt the pelvis so one hip works harder. A running track can be handy, but switch
  direction regularly.
- **Bring back hills and speed work last**, and add them one at a time.
- **Try a slightly quicker cadence.** Some studies suggest that taking a few more, shorter
  steps each minute, around 5 to 10 percent more than usual, reduces loading at the hip. It
  is a modest tweak rather than a cure, and it feels odd at first.
- **Watch for crossover.** If your feet land close to or across an imaginary centre line, a
  slightly wider step can reduce how far the hip drops inwards. A clinician or coach can
  check this from a short video.

## Keep strengthening

Running does not replace strength training. Keep two or three sessions a week of the
exercises that got you here, progressing towards heavier, more running-specific work such as
step-ups, single-leg deadlifts, band walks to the side and, later, hopping and bounding.
Where you can, avoid heavy strength sessions on the same day as your hardest runs.

## Monitoring pain

A simple approach is to score your outer hip pain from 0 to 10 during the run and again the
next morning. Many programmes accept mild discomfort, around 3 out of 10 or less, as long as
it settles within 24 hours and is not gradually creeping up over the week. If pain is
higher, or night pain returns, drop back to the previous step for a few days.

A short training log helps. Patterns, such as pain after one particular route or pair of
shoes, often become obvious once they are written down.

## When to pause and get advice

Stop running and arrange an assessment if you develop:

- Pain that is sharp, builds during a run or makes you limp.
- Pain in the groin or deep in the hip that is worse with hopping or at night, which can
  occasionally point to a bone stress injury.
- A return of regular night pain.

As always, sudden severe pain, being unable to bear weight, or numbness in the saddle area
with bladder or bowel changes need urgent care.

## Key points

- Tick off some basic strength and tolerance markers before your first run.
- Start with a walk-run plan on flat ground and build up gradually.
- Hills, speed work and long runs come back last.
- Keep strength work going and use the 24-hour pain response as your guide.
""",
        "comments": [
            {
                "author": "hillrunner_k",
                "body": (
                    "Week 3 of the walk-run plan and no flare so far. The morning pain score habit "
                    "from the anatomy article thread is keeping me honest."
                ),
                "replies": [
                    {
                        "author": "editor_sam",
                        "body": (
                            "Glad it's going well. Repeat a week whenever you need to; there's no prize "
                            "for rushing."
                        ),
                        "replies": [],
                    },
                ],
            },
            {
                "author": "tri_swimbikerun",
                "body": (
                    "Any thoughts on running off the bike during the return? That's where my hip "
                    "always complains."
                ),
                "replies": [
                    {
                        "author": "physio_amara",
                        "body": (
                            "Brick sessions add fatigue to the mix, so I'd leave them until you can run "
                            "30 minutes continuously without symptoms. Then start with a very short run "
                            "after an easy ride and build from there."
                        ),
                        "replies": [
                            {
                                "author": "tri_swimbikerun",
                                "body": (
                                    "Will do. Patience isn't my strong suit, but I'll give it a go."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                ],
            },
            {
                "author": "plie_paz",
                "body": (
                    "Not a runner, but the readiness markers translate nicely to returning to jumps "
                    "in class as well."
                ),
                "replies": [],
            },
        ],
    },
]

QUESTIONS: list[dict[str, Any]] = [
    {
        "title": "Outer hip pain wakes me every time I roll onto my side. What helps at night?",
        "body": """
I'm 62 and have walked the hills most weekends for years. Since last autumn I've had an ache
on the outside of my right hip, right over the bony bit. During the day it's manageable,
although stairs and getting out of the car set it off.

Nights are the real problem. If I lie on my right side the pain wakes me within minutes, and
lying on my left isn't much better, which surprised me. I end up on my back staring at the
ceiling at 3am.

I was given a figure-four stretch and told to use a foam roller, and I've tried
anti-inflammatory gel. None of it has made much difference, and the stretch may even make
things worse.

Does anyone have practical tips for getting through the night? I'm seeing my GP again next
month but would love to sleep before then.
""",
        "asker": "trailwalker_59",
        "conditions": ["greater-trochanteric-pain-syndrome", "gluteus-medius-tendinopathy"],
        "side": "right",
        "duration": "3_to_12_months",
        "activity": "hill walking",
        "aggravating": "lying on either side, stairs, getting out of the car",
        "treatments_tried": "figure-four stretch, foam roller, anti-inflammatory gel",
        "asked_days_ago": 21,
        "replies": [
            {
                "author": "physio_amara",
                "body": (
                    "Sorry you're going through this; broken sleep makes everything harder. "
                    "Pain on both sides at night is very typical of the outer hip tendons, "
                    "because on the good side the top knee drops towards the mattress and pulls "
                    "the sore tendon tight over the bone. Try two pillows between your knees and "
                    "ankles so the top leg stays level, or lie on your back with a pillow under "
                    "your knees. A soft mattress topper can take the edge off if you roll onto "
                    "the sore side. I'd also pause the figure-four stretch, since it squeezes "
                    "the tendon in exactly the position it dislikes. Please keep your GP "
                    "appointment and ask about a physiotherapy referral for a loading programme."
                ),
                "accepted": True,
                "helpful_by": ["trailwalker_59", "newmum_hips", "desk_bound_dev"],
                "replies": [
                    {
                        "author": "trailwalker_59",
                        "body": (
                            "Tried the two pillows last night and slept five hours in one go, "
                            "which hasn't happened in months. Thank you."
                        ),
                        "replies": [
                            {
                                "author": "physio_amara",
                                "body": (
                                    "That's a great start. Stick with it for a couple of weeks, "
                                    "and once sleep is steadier, daytime strengthening is the "
                                    "next step to make the tendon more robust."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                ],
            },
            {
                "author": "newmum_hips",
                "body": (
                    "A long body pillow was a lifesaver for me in pregnancy and I still use it. "
                    "It stops the top leg sliding forwards during the night."
                ),
                "helpful_by": ["trailwalker_59"],
                "replies": [],
            },
        ],
    },
    {
        "title": "Glute med pain since jumping from 30 to 50 km a week. Must I stop running?",
        "body": """
I'm training for a hilly half marathon in the spring, and over about five weeks I went from
roughly 30 km a week to 50 km, with more hill repeats. For the last six weeks I've had pain
on the outside of my right hip. It starts as a dull ache around the 15 km mark on long runs
and hangs around for the rest of the day.

It also hurts when I stand on my right leg to put on a sock, and sometimes when I lie on
that side. I took a full rest week, which helped, but the pain came straight back on my
first long run afterwards.

I've been doing clamshells and foam rolling. Does this sound like glute med tendinopathy?
And do I have to stop running completely, or can I keep some training going? The race is ten
weeks away.
""",
        "asker": "hillrunner_k",
        "conditions": ["gluteus-medius-tendinopathy", "gluteal-tendinopathy"],
        "side": "right",
        "duration": "6_weeks_to_3_months",
        "activity": "road and trail running",
        "aggravating": "long runs over 15 km, hill repeats, standing on one leg to dress",
        "treatments_tried": "a rest week, clamshells, foam rolling",
        "asked_days_ago": 14,
        "replies": [
            {
                "author": "dr_lindqvist",
                "body": (
                    "Your story fits a load-related outer hip tendon problem well, though only "
                    "an examination can confirm it. A jump of that size over a few weeks, with "
                    "extra hills, is a very common trigger. Complete rest tends to calm symptoms "
                    "without building tolerance, which is why the pain came back. Most runners "
                    "can keep going at a reduced volume that keeps pain mild and settled by the "
                    "next morning, while a strength programme does the longer-term work; "
                    "clamshells alone are rarely enough, and standing single-leg exercises "
                    "matter more for runners. If you develop groin pain, pain at night that "
                    "isn't linked to position, or pain when hopping on that leg, get checked "
                    "promptly to rule out a bone stress injury."
                ),
                "accepted": True,
                "helpful_by": ["hillrunner_k", "tri_swimbikerun"],
                "replies": [
                    {
                        "author": "hillrunner_k",
                        "body": (
                            "Thanks, that's reassuring. Should I drop the long run for now, or "
                            "just shorten it?"
                        ),
                        "replies": [
                            {
                                "author": "dr_lindqvist",
                                "body": (
                                    "Shorten it to below the point where the ache usually "
                                    "starts, say 10 to 12 km, and keep it on flatter routes "
                                    "for a couple of weeks. Add a kilometre or two a week if "
                                    "the next-morning response stays calm. The race may still "
                                    "be realistic, but it's worth staying flexible about it."
                                ),
                                "helpful_by": ["hillrunner_k"],
                                "replies": [
                                    {
                                        "author": "tri_swimbikerun",
                                        "body": (
                                            "I did something similar last year and topped up "
                                            "fitness with easy cycling on the days I'd normally "
                                            "run hills. It kept my aerobic base without "
                                            "irritating the hip."
                                        ),
                                        "replies": [],
                                    },
                                ],
                            },
                        ],
                    },
                ],
            },
            {
                "author": "tri_swimbikerun",
                "body": (
                    "Been there. The sock test is such a giveaway. My physio started me on wall "
                    "holds and step-ups, and it took about eight weeks before long runs felt "
                    "normal again."
                ),
                "helpful_by": ["hillrunner_k"],
                "replies": [],
            },
        ],
    },
    {
        "title": "Deep ache at my sit bone after long days at the desk: hamstring or bursitis?",
        "body": """
I work as a software developer and sit for most of the day, often nine or ten hours. For
about two months I've had a deep ache right at my left sit bone. It's fine first thing, but
by mid-afternoon my office chair is uncomfortable, and a long drive is worse. Standing up
and walking around eases it.

I assumed my hamstrings were tight, so I've been doing a long forward-bend hamstring stretch
several times a day. I also bought a gel cushion. Neither has helped much, and the stretch
sometimes makes the ache sharper.

I cycle to work twice a week, about 20 minutes each way, and that doesn't seem to bother it.
I've seen the terms ischial bursitis and high hamstring tendinopathy online. How do people
tell the difference, and is there anything I should change at my desk?
""",
        "asker": "desk_bound_dev",
        "conditions": ["ischial-bursitis", "proximal-hamstring-tendinopathy"],
        "side": "left",
        "duration": "6_weeks_to_3_months",
        "activity": "office work, commuting by bike",
        "aggravating": "sitting on firm chairs, driving for over an hour, hamstring stretches",
        "treatments_tried": "hamstring stretching, gel cushion",
        "asked_days_ago": 9,
        "replies": [
            {
                "author": "physio_amara",
                "body": (
                    "Both are possible, and they can look very similar because the bursa and "
                    "the hamstring tendon sit right next to each other at the sit bone. A "
                    "clinician will check which movements and tests reproduce your pain; "
                    "imaging is only sometimes needed. Deep hamstring stretches with the hip "
                    "bent press the tendon against the bone, so I'd pause them for a couple of "
                    "weeks. A cushion with a cut-out under the sit bones, or a wedge that tips "
                    "you slightly forwards, can reduce direct pressure, and breaking up sitting "
                    "every 30 to 45 minutes helps. A physio can then start you on gentle "
                    "hamstring loading."
                ),
                "helpful_by": ["desk_bound_dev", "hillrunner_k"],
                "replies": [
                    {
                        "author": "desk_bound_dev",
                        "body": (
                            "I've been doing that stretch every hour because I thought more was "
                            "better. I'll stop and see how the week goes. Is it fine to keep "
                            "cycling?"
                        ),
                        "replies": [
                            {
                                "author": "physio_amara",
                                "body": (
                                    "If it doesn't provoke symptoms during or afterwards, "
                                    "cycling is usually fine and keeps you active. Keep an eye "
                                    "on saddle pressure and let your symptoms guide you."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                ],
            },
            {
                "author": "hillrunner_k",
                "body": (
                    "I had high hamstring pain a couple of years ago. A cut-out cushion plus "
                    "holds lying on my back with my heel pressing down into a step made a big "
                    "difference. Giving up the stretching was the hardest part, because it felt "
                    "like it ought to help."
                ),
                "helpful_by": ["desk_bound_dev"],
                "replies": [],
            },
        ],
    },
    {
        "title": "Ache at the front and side of my hip the day after ballet class",
        "body": """
I'm a 24-year-old contemporary and ballet dancer, training about 15 hours a week. Three
weeks ago we started rehearsing a piece with lots of développés to the side and grands
battements. Since then, the day after class I get a deep ache at the front and outer side of
my right hip. During class it feels mostly fine once I'm warm.

I've also had a painless clunk at the front of that hip for years when I lift my leg to the
side and lower it, which I've always ignored. Now I'm wondering whether the two are
connected.

I've been icing after class and took two days off, which helped a little. I really don't
want to miss rehearsals. What could be going on, and is it sensible to keep dancing?
""",
        "asker": "plie_paz",
        "conditions": ["snapping-hip", "hip-flexor-strain"],
        "side": "right",
        "duration": "under_6_weeks",
        "activity": "ballet and contemporary dance",
        "aggravating": "high extensions to the side, grands battements, deep turned-out plies",
        "treatments_tried": "ice, two rest days",
        "asked_days_ago": 5,
        "replies": [
            {
                "author": "dr_lindqvist",
                "body": (
                    "A painless clunk at the front of the hip is common in dancers and often "
                    "comes from the iliopsoas tendon flicking over bone; on its own it usually "
                    "isn't a worry. The new ache after a sudden increase in high leg work is "
                    "more likely to be overload of the hip flexors or outer hip muscles. With "
                    "repeated end-of-range positions it's also sensible to consider the joint "
                    "itself, such as impingement or the labrum. The timing with the new "
                    "choreography is a useful clue, and I'd suggest seeing a physio or doctor "
                    "with dance experience rather than guessing."
                ),
                "helpful_by": ["plie_paz"],
                "replies": [
                    {
                        "author": "plie_paz",
                        "body": "Thank you. Should I stop class until I've been seen?",
                        "replies": [
                            {
                                "author": "dr_lindqvist",
                                "body": (
                                    "Not necessarily. Many dancers keep going with changes: "
                                    "lower the height of extensions for a couple of weeks, mark "
                                    "some repetitions and avoid forcing turnout. If the ache "
                                    "starts during class, turns sharp, or you notice catching "
                                    "or locking, step back and get seen sooner."
                                ),
                                "helpful_by": ["plie_paz"],
                                "replies": [],
                            },
                        ],
                    },
                ],
            },
        ],
    },
    {
        "title": "Tight TFL on the bike: could my saddle setup be to blame?",
        "body": """
I'm 48 and race Olympic-distance triathlons. This season my cycling volume has gone up a
lot, including longer rides on the aero bars. For about two months I've had a tight, achy
spot at the front and outside of my right hip, just below the bony point of the pelvis. A
physio friend thinks it sounds like my TFL.

It's worst after long rides in the aero position and when I climb out of the saddle. Running
off the bike, the first kilometre or two feels stiff on that side, then it eases. I've been
foam rolling and stretching it daily with no real change.

The only equipment change I can think of is that I raised my saddle by about a centimetre a
month ago after reading it would give me more power. Could that be the cause, and what else
should I look at?
""",
        "asker": "tri_swimbikerun",
        "conditions": ["tensor-fasciae-latae-strain", "iliotibial-band-syndrome"],
        "side": "right",
        "duration": "6_weeks_to_3_months",
        "activity": "triathlon, mainly cycling",
        "aggravating": "long rides on aero bars, climbing out of the saddle, running off the bike",
        "treatments_tried": "foam rolling, daily stretching",
        "asked_days_ago": 18,
        "replies": [
            {
                "author": "physio_amara",
                "body": (
                    "The timing is suspicious. A saddle that's too high makes you reach for the "
                    "pedals at the bottom of each stroke, and many riders compensate by rocking "
                    "the pelvis, which loads one hip more. The aero position also keeps the hip "
                    "deeply bent for long periods, and the TFL works hard as a hip flexor and "
                    "stabiliser there. I'd start by returning the saddle to its old height and "
                    "seeing how a few rides feel, and a professional bike fit is worth it with "
                    "aero bars. Meanwhile, cut back aero time for a few weeks and add strength "
                    "work for the side and back glutes; rolling and stretching rarely change "
                    "much on their own."
                ),
                "accepted": True,
                "helpful_by": ["tri_swimbikerun", "hillrunner_k"],
                "replies": [
                    {
                        "author": "tri_swimbikerun",
                        "body": (
                            "Dropped the saddle back last weekend and did a two-hour ride. "
                            "First time in weeks the hip didn't feel tight afterwards. Booking "
                            "a fit before race season."
                        ),
                        "replies": [
                            {
                                "author": "physio_amara",
                                "body": (
                                    "Encouraging. Keep the strength work going too, so you're "
                                    "less sensitive to small changes in setup in future."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                ],
            },
            {
                "author": "hillrunner_k",
                "body": (
                    "Not a triathlete, but a bike fit sorted out my knee a few years ago. Money "
                    "well spent, in my experience."
                ),
                "replies": [],
            },
        ],
    },
    {
        "title": "Piriformis syndrome or sciatica? Two people have told me different things",
        "body": """
For about five months I've had pain deep in my left buttock that sometimes runs down the
back of my thigh. On bad days it reaches my calf, and after a long drive I get faint
tingling along the outer edge of my foot. Sitting for more than half an hour sets it off,
and walking helps.

The first physio I saw said it was piriformis syndrome and gave me stretches and a massage
ball. A sports massage therapist later told me it sounded like sciatica from my back. My
lower back is a bit stiff but not really painful.

The piriformis stretches don't seem to help and sometimes make the leg pain flare. I play
five-a-side football at weekends, which doesn't bother it much.

How do people work out which one it is? And is there any point in asking for a scan?
""",
        "asker": "desk_bound_dev",
        "conditions": ["piriformis-syndrome", "sciatica", "deep-gluteal-syndrome"],
        "side": "left",
        "duration": "3_to_12_months",
        "activity": "office work, weekend five-a-side football",
        "aggravating": "sitting over 30 minutes, long drives, piriformis stretches",
        "treatments_tried": "piriformis stretches, massage ball, two physio sessions",
        "asked_days_ago": 33,
        "replies": [
            {
                "author": "dr_lindqvist",
                "body": (
                    "These two are genuinely hard to separate from a written description, so "
                    "it's not surprising you've heard different opinions. A few things in your "
                    "story lean towards a nerve root source in the lower back: pain reaching the "
                    "calf, tingling in one particular area of the foot, and flares with "
                    "stretches that tension the nerve. Back pain doesn't have to be prominent "
                    "for that to be the case. A thorough examination, including nerve tension "
                    "tests, reflexes, sensation and strength, usually helps more than a scan at "
                    "this stage; MRI is mostly kept for persistent or severe symptoms, or when "
                    "an injection or surgery is being considered. Please also know the warning "
                    "signs: saddle numbness, bladder or bowel changes, or worsening leg weakness "
                    "need urgent care."
                ),
                "helpful_by": ["desk_bound_dev", "plie_paz"],
                "replies": [
                    {
                        "author": "desk_bound_dev",
                        "body": (
                            "That's really helpful. I also get a jolt down the leg when I "
                            "sneeze. Does that point one way or the other?"
                        ),
                        "replies": [
                            {
                                "author": "dr_lindqvist",
                                "body": (
                                    "Pain with coughing or sneezing leans towards the lower "
                                    "back, because the pressure rise inside the spine can "
                                    "irritate an already sensitive nerve root. It isn't "
                                    "conclusive on its own, but do mention it to whoever "
                                    "examines you."
                                ),
                                "replies": [
                                    {
                                        "author": "physio_amara",
                                        "body": (
                                            "A practical note to add: when a nerve root "
                                            "seems involved, many physios swap strong buttock "
                                            "stretches for gentle nerve gliding, positions that "
                                            "ease symptoms and regular short walks. Don't be "
                                            "surprised if the plan changes after a "
                                            "reassessment; that's normal."
                                        ),
                                        "helpful_by": ["desk_bound_dev"],
                                        "replies": [],
                                    },
                                ],
                            },
                        ],
                    },
                ],
            },
            {
                "author": "mod_rowan",
                "body": (
                    "Moderator here. A friendly reminder that forum replies can't replace an "
                    "examination, so do use this thread to prepare questions for your next "
                    "appointment. The article on piriformis, deep gluteal pain and sciatica in "
                    "the Articles section covers the differences in more detail."
                ),
                "replies": [],
            },
        ],
    },
    {
        "title": "Hip and low back pain four months after giving birth: is this normal?",
        "body": """
My baby is four months old. Since the last few weeks of pregnancy I've had an ache low down
on the left side of my back, near the dimple above my bottom, and sometimes on the outside
of my left hip. During pregnancy I was told it was pelvic girdle pain and wore a support
belt, which helped.

It eased after the birth but never fully went away. It's worst when I carry the baby on my
left hip, get up from sitting on the floor, or stand on one leg to get dressed. Pushing the
pram is fine. I'm sleeping in short bursts, which probably doesn't help.

I'm not sure who to ask. My postnatal check was quick and focused on other things. Is this
normal at this stage, and what kind of professional should I see?
""",
        "asker": "newmum_hips",
        "conditions": ["sacroiliac-joint-pain", "gluteus-medius-tendinopathy"],
        "side": "left",
        "duration": "3_to_12_months",
        "activity": "carrying my baby, walking with the pram",
        "aggravating": "carrying the baby on one hip, getting up from the floor, dressing",
        "treatments_tried": "pelvic support belt during pregnancy, walking",
        "asked_days_ago": 40,
        "replies": [
            {
                "author": "physio_amara",
                "body": (
                    "Congratulations on your baby, and well done for asking. Lingering pelvic "
                    "and hip pain after birth is common and often improves with the right help. "
                    "Your body has been through big changes in load and hormones, and now "
                    "you're lifting a growing baby, often on one side, on broken sleep. A pelvic "
                    "health physiotherapist is a good person to see, as they can assess the "
                    "sacroiliac area, hip muscles, tummy muscles and pelvic floor together. "
                    "Meanwhile, swap sides when carrying, try a carrier that spreads the load, "
                    "and get up from the floor via kneeling. If the pain becomes constant, you "
                    "feel unwell, or you notice any bladder or bowel changes, contact your "
                    "doctor promptly."
                ),
                "helpful_by": ["newmum_hips", "plie_paz"],
                "replies": [
                    {
                        "author": "newmum_hips",
                        "body": ("I didn't know pelvic health physios existed. How do I find one?"),
                        "replies": [
                            {
                                "author": "physio_amara",
                                "body": (
                                    "Your GP, midwife or health visitor can often refer you, "
                                    "and many clinics list pelvic health as a specialty. When "
                                    "booking, mention that you're postnatal with pelvic and "
                                    "hip pain so they match you with the right person."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                ],
            },
            {
                "author": "plie_paz",
                "body": (
                    "My older sister had something very similar after her second baby. Using a "
                    "front carrier instead of carrying on her hip, plus a few months of physio, "
                    "made a real difference for her. You're not alone in this."
                ),
                "helpful_by": ["newmum_hips"],
                "replies": [],
            },
        ],
    },
    {
        "title": "Outer knee and hip pain on long descents: any tips for hill walking?",
        "body": """
I'm 62 and do a lot of hill walking. Going up I'm fine, but on long descents, especially
stepping down off rocks, I get pain on the outside of my left knee and sometimes along the
outer thigh up towards my hip. It starts about an hour into the descent and can linger for a
day or two afterwards.

I've started using walking poles and a knee support, and both help a little. I'm wondering
whether this is my IT band or something linked to the hip problem I've posted about before,
even though that was on the other side.

Has anyone found ways to make descents easier, or particular exercises that helped? I'd hate
to give up the hills.
""",
        "asker": "trailwalker_59",
        "conditions": ["iliotibial-band-syndrome", "greater-trochanteric-pain-syndrome"],
        "side": "left",
        "duration": "6_weeks_to_3_months",
        "activity": "hill walking",
        "aggravating": "long descents, stepping down off rocks",
        "treatments_tried": "walking poles, knee support",
        "asked_days_ago": 2,
        "replies": [],
    },
    {
        "title": "GP has offered a cortisone injection for trochanteric bursitis. Before my race?",
        "body": """
I've had pain on the outside of my left hip for about five months. My GP called it
trochanteric bursitis and has offered a cortisone injection. I have a middle-distance
triathlon in six weeks that I've been working towards all year.

Running is the main trigger, along with lying on my left side and climbing stairs. I've been
doing physio exercises for three weeks and rested from running for a fortnight before that.
There's a small improvement but nothing dramatic.

I've read mixed things about injections: some people say they're brilliant, others say the
pain comes back. I'm 48 and otherwise healthy. Is it sensible to have the injection now to
get me through the race, or would I be better off without it? What are the downsides?
""",
        "asker": "tri_swimbikerun",
        "conditions": ["greater-trochanteric-pain-syndrome", "gluteal-tendinopathy"],
        "side": "left",
        "duration": "3_to_12_months",
        "activity": "triathlon",
        "aggravating": "running, lying on the left side, stairs",
        "treatments_tried": "two weeks off running, three weeks of physio exercises, gel",
        "asked_days_ago": 30,
        "replies": [
            {
                "author": "dr_lindqvist",
                "body": (
                    "It's a very reasonable question, and the answer depends on your priorities, "
                    "so please make the decision with your GP. In general terms, an injection "
                    "often reduces pain for several weeks, while trials following people for a "
                    "year found education plus progressive exercise did at least as well, and "
                    "pain commonly returned after injection. Three weeks of exercise is early "
                    "days, since most programmes need eight to twelve weeks to show their full "
                    "effect. Side effects are usually minor, such as a short-lived flare, skin "
                    "thinning or paler skin at the site, and facial flushing, but repeated "
                    "injections may not be good for the tendon. If you do have one, treat it as "
                    "a window for building strength rather than a green light to load up hard."
                ),
                "accepted": True,
                "helpful_by": ["tri_swimbikerun", "trailwalker_59", "desk_bound_dev"],
                "replies": [
                    {
                        "author": "tri_swimbikerun",
                        "body": (
                            "Thank you. If I'm honest, this race matters a lot to me. Is it "
                            "unreasonable to have the injection for that reason?"
                        ),
                        "replies": [
                            {
                                "author": "dr_lindqvist",
                                "body": (
                                    "Not unreasonable. Some people choose an injection before "
                                    "a key event knowing the relief may be temporary, and that "
                                    "is a legitimate, informed choice. The main caution is not "
                                    "to use the pain-free spell to pile on extra running, "
                                    "because the tendon itself hasn't changed. Discuss timing "
                                    "with your GP, as some clinicians prefer a gap between an "
                                    "injection and a hard race."
                                ),
                                "helpful_by": ["tri_swimbikerun"],
                                "replies": [],
                            },
                        ],
                    },
                ],
            },
            {
                "author": "trailwalker_59",
                "body": (
                    "I had one two years ago. It was wonderful for about two months, then the "
                    "pain crept back. Looking back, I wish I'd started exercises properly while "
                    "things were quiet."
                ),
                "helpful_by": ["tri_swimbikerun"],
                "replies": [
                    {
                        "author": "physio_amara",
                        "body": (
                            "That's a really common pattern, and a useful lesson. The weeks "
                            "after an injection can be a good time to get a loading programme "
                            "established, so the tendon is stronger by the time the effect "
                            "wears off."
                        ),
                        "replies": [],
                    },
                ],
            },
        ],
    },
    {
        "title": "Never done strength training: how do I start glute exercises without a flare?",
        "body": """
Following on from my earlier post, a physio I spoke to on the phone thinks part of my outer
left hip pain is a gluteal tendon problem. My face-to-face appointment is three weeks away
and I'd like to make a start.

I've never really done strength training. I walk a lot with the pram, but stairs and
standing on one leg are sore. Most online videos show clamshells and side-lying leg lifts,
and those seem to make the ache worse.

I have maybe ten minutes a day while the baby naps. What kind of exercises are reasonable to
begin with, how often should I do them, and how much discomfort is acceptable? I don't want
to set myself back.
""",
        "asker": "newmum_hips",
        "conditions": ["gluteal-tendinopathy", "gluteus-medius-tendinopathy"],
        "side": "left",
        "duration": "6_weeks_to_3_months",
        "activity": "walking with the pram",
        "aggravating": "stairs, standing on one leg, side-lying leg lifts",
        "treatments_tried": "",
        "asked_days_ago": 7,
        "replies": [
            {
                "author": "physio_amara",
                "body": (
                    "Great that you want to start, and ten minutes is plenty to begin with. "
                    "Many people with irritable gluteal tendons do well with exercises that "
                    "work the muscle without squeezing the tendon. One is lying on your back "
                    "with knees bent and a belt around your thighs, gently pressing outwards "
                    "into it for 30 to 45 seconds, four or five times. Others are slow bridges "
                    "and sit-to-stands from a firm chair, two sets of eight to ten of each, a "
                    "few times a week. Aim for discomfort no higher than about 3 out of 10 that "
                    "settles by the next morning. You're right to skip side-lying lifts and "
                    "clams for now, and your physio can tailor and progress things when you "
                    "see them."
                ),
                "accepted": True,
                "helpful_by": ["newmum_hips", "desk_bound_dev", "trailwalker_59"],
                "replies": [
                    {
                        "author": "newmum_hips",
                        "body": "Can I do these with the baby on the mat next to me?",
                        "replies": [
                            {
                                "author": "physio_amara",
                                "body": (
                                    "Absolutely, lots of parents do. Keep the movements slow "
                                    "and controlled, and if you need to get up quickly, roll "
                                    "onto your side and push up with your arms."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                ],
            },
            {
                "author": "desk_bound_dev",
                "body": (
                    "I started with the belt exercise too. It felt like nothing at first, but "
                    "after two weeks stairs were noticeably easier. Stick with it!"
                ),
                "helpful_by": ["newmum_hips"],
                "replies": [],
            },
        ],
    },
    {
        "title": "Sharp pain on the outside of my knee after 12 km. Is this ITB syndrome?",
        "body": """
Separate issue from my hip thread. Over the last month I've developed a sharp pain on the
outside of my left knee. It appears at almost exactly the same point in long runs, around 12
km, and once it starts it keeps getting worse until I have to walk. Downhills are the worst,
and I can barely run down the last hill to my house.

Walking and short runs are fine. I've been foam rolling the outside of my thigh every
evening, which is very painful and doesn't seem to change anything.

Is this the IT band? And should I stop long runs until it settles, or is there a way to keep
training?
""",
        "asker": "hillrunner_k",
        "conditions": ["iliotibial-band-syndrome"],
        "side": "left",
        "duration": "under_6_weeks",
        "activity": "road running",
        "aggravating": "runs over 12 km, downhills, cambered roads",
        "treatments_tried": "foam rolling the outer thigh",
        "asked_days_ago": 1,
        "replies": [],
    },
    {
        "title": "One-sided ache near the base of my spine after partner lifts: SI joint?",
        "body": """
For the last couple of weeks I've had an ache on the right side of my lower back, just over
the dimple above my buttock. We started a new duet with several lifts where I'm the one
doing the lifting, and the pain began after the first long rehearsal.

It's worse when I stand on my right leg, climb stairs or roll over in bed. Bending forwards
is okay. Heat and a couple of rest days helped a bit, but it came back after the next
rehearsal.

A friend in the company says it's probably my SI joint. How is that usually diagnosed, and
are there ways to keep rehearsing while it settles?
""",
        "asker": "plie_paz",
        "conditions": ["sacroiliac-joint-pain"],
        "side": "right",
        "duration": "under_6_weeks",
        "activity": "contemporary dance, partner work",
        "aggravating": "lifting a partner, standing on the right leg, stairs, rolling in bed",
        "treatments_tried": "heat, rest days",
        "asked_days_ago": 3,
        "replies": [],
    },
    {
        "title": (
            "Back pain after gardening and now my bottom feels numb. Can this wait until my "
            "physio appointment?"
        ),
        "body": """
Three days ago I moved a pile of paving slabs in the garden and my lower back has been very
sore since. Yesterday both legs started aching down the backs of the thighs.

This morning I noticed that the skin around my bottom and the insides of my upper thighs
feels numb, a bit like after a dental injection, and it felt odd when I used the toilet
paper. I also had trouble getting started when I went to pass water, which isn't normal for
me.

I have a physio appointment booked for next Thursday about my hip, and I was planning to
mention my back then. I've been taking paracetamol and using a heat pack. Is it all right to
wait until then?
""",
        "asker": "trailwalker_59",
        "conditions": ["sciatica"],
        "side": "both",
        "duration": "under_6_weeks",
        "activity": "gardening",
        "aggravating": "bending, sitting",
        "treatments_tried": "paracetamol, heat pack",
        "asked_days_ago": 0,
        "replies": [
            {
                "author": "dr_lindqvist",
                "body": (
                    "Please don't wait until Thursday. Numbness around your bottom and inner "
                    "thighs, together with difficulty starting to pass urine and pain in both "
                    "legs, needs checking at an emergency department today, right now if you "
                    "can. These symptoms can come from pressure on the nerves at the base of "
                    "the spine (cauda equina syndrome), which needs urgent assessment and "
                    "usually a same-day scan, because early treatment makes a real difference. "
                    "It may well turn out to be something less serious, but nobody can rule "
                    "that out online. If your legs feel weak, please don't drive yourself: ask "
                    "someone to take you or call your local emergency number, and tell the "
                    "staff exactly what you've told us here."
                ),
                "helpful_by": ["mod_rowan", "physio_amara"],
                "replies": [
                    {
                        "author": "trailwalker_59",
                        "body": (
                            "Thank you for being so clear. My daughter is driving me to the "
                            "hospital now."
                        ),
                        "replies": [
                            {
                                "author": "mod_rowan",
                                "body": (
                                    "Thank you for letting us know, and for acting quickly. "
                                    "Wishing you all the best; update us whenever you feel up "
                                    "to it."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                ],
            },
            {
                "author": "physio_amara",
                "body": (
                    "Agreeing completely with the advice above. This is one situation where "
                    "going to hospital today is the right call, and no routine appointment "
                    "should come first."
                ),
                "replies": [],
            },
        ],
    },
    {
        "title": "Using a massage ball on my QL and glutes every evening. Am I overdoing it?",
        "body": """
For about two months I've had a nagging ache on the right side of my lower back, between my
ribs and my pelvis, that sometimes spreads into the top of my buttock. Someone at my tri
club said it's my QL and lent me a massage ball.

I've been lying on the ball for about 20 minutes every evening, mostly on my low back and
upper buttock. It feels great at the time, but the ache is back by morning, and I now have a
couple of bruises.

It's worst after long rides on the aero bars and after long swims where I mostly breathe to
the right. Should I be doing more of this or less? Is there something better I could be
doing instead?
""",
        "asker": "tri_swimbikerun",
        "conditions": ["quadratus-lumborum-pain", "gluteal-trigger-points"],
        "side": "right",
        "duration": "6_weeks_to_3_months",
        "activity": "triathlon, long swims and rides",
        "aggravating": "long rides on aero bars, swimming while breathing to one side",
        "treatments_tried": "massage ball for 20 minutes daily, heat",
        "asked_days_ago": 25,
        "replies": [
            {
                "author": "hillrunner_k",
                "body": (
                    "I made the same mistake with a lacrosse ball on my glutes last year and "
                    "ended up bruised and sorer. Cutting down to a few minutes before workouts "
                    "worked much better for me."
                ),
                "helpful_by": ["tri_swimbikerun"],
                "replies": [
                    {
                        "author": "physio_amara",
                        "body": (
                            "That matches what I'd suggest. Twenty minutes a day with bruising "
                            "is more than the tissues need and may be keeping them sensitive. "
                            "Try three to five minutes at moderate pressure, stay off the bony "
                            "parts of the spine and pelvis, and see how a week goes. It's also "
                            "worth getting the back assessed: one-sided breathing and long aero "
                            "rides both load the trunk unevenly, and trunk and hip strength work "
                            "often helps more than pressure alone."
                        ),
                        "helpful_by": ["tri_swimbikerun", "hillrunner_k"],
                        "replies": [
                            {
                                "author": "tri_swimbikerun",
                                "body": (
                                    "Cut it to five minutes and started bilateral breathing "
                                    "drills in the pool. The bruises are fading and the morning "
                                    "ache is a little less. Booking an assessment."
                                ),
                                "replies": [],
                            },
                        ],
                    },
                ],
            },
            {
                "author": "editor_sam",
                "body": (
                    "From the editorial team: our article on glute self-release with a massage "
                    "ball covers where to place the ball and how long to use it, and may be a "
                    "useful read alongside the advice here."
                ),
                "replies": [],
            },
        ],
    },
    {
        "title": "Twinge deep in my buttock during hill sprints. Is this a glute max strain?",
        "body": """
On Saturday I was doing short hill sprints and felt a twinge in the middle of my right
buttock on the fourth rep. It wasn't dramatic; I stopped the session and jogged home slowly
without limping.

Since then it's been sore when I climb stairs, get up from a chair, or squeeze the glute.
Walking on the flat is fine, and it feels a little better each day. There's no bruising that
I can see and no pain going down the leg.

Is this more likely to be a glute max strain than a hamstring problem? How long should I
leave it before trying to run again, and what should I be doing in the meantime?
""",
        "asker": "hillrunner_k",
        "conditions": ["gluteus-maximus-strain"],
        "side": "right",
        "duration": "under_6_weeks",
        "activity": "running, hill sprints",
        "aggravating": "stairs, rising from a chair, squeezing the glute",
        "treatments_tried": "",
        "asked_days_ago": 4,
        "replies": [
            {
                "author": "dr_lindqvist",
                "body": (
                    "From your description a minor muscle strain in the buttock sounds "
                    "plausible, and the steady improvement is reassuring. Hamstring injuries "
                    "near the sit bone usually hurt lower down, at the crease of the buttock, "
                    "and are more painful when bending forwards or lengthening the hamstring. "
                    "Most mild strains settle over one to three weeks with a break from "
                    "sprinting, easy walking and progressive exercises such as bridges. A "
                    "sensible test before running is managing brisk walking, stairs and a few "
                    "single-leg bridges without pain. Had you felt a pop, developed bruising "
                    "down the back of the thigh, or struggled to walk, I'd have suggested "
                    "getting seen promptly."
                ),
                "helpful_by": ["hillrunner_k"],
                "replies": [
                    {
                        "author": "hillrunner_k",
                        "body": (
                            "Great, thank you. I'll ease back in with flat jogging next week "
                            "and leave the hill sprints alone for a while."
                        ),
                        "replies": [],
                    },
                ],
            },
        ],
    },
    {
        "title": "Pinching at the front of my hip at the bottom of a deep squat: could it be FAI?",
        "body": """
I started lifting weights at the gym six months ago to balance out all the sitting at work.
Lately I get a pinching pain deep in the front of my right hip at the bottom of a squat, and
sometimes a click. It's also uncomfortable when I pull my knee towards my chest or sit in a
low car seat.

I've read about hip impingement and labral tears and now I'm worried I've damaged something.
Squatting only to parallel instead of full depth seems fine.

Is this worth getting checked, and should I stop squatting in the meantime? I'd rather not
lose the progress I've made in the gym.
""",
        "asker": "desk_bound_dev",
        "conditions": ["femoroacetabular-impingement", "labral-tear"],
        "side": "right",
        "duration": "6_weeks_to_3_months",
        "activity": "gym, weight training",
        "aggravating": "deep squats, pulling the knee to the chest, low car seats",
        "treatments_tried": "squatting to parallel only",
        "asked_days_ago": 1,
        "replies": [],
    },
]

# What demo members tried ("what helped"), all demo data. Each entry: a condition, a
# treatment, and the outcomes reported, given in turn to the named demo members and then
# to anonymous demo reporters (TREATMENT_REPORTERS), so that one condition has enough
# reports to show its shares. "too_early" stands for a follow-up still to answer.
TREATMENT_REPORTERS = 14
# fmt: off
TREATMENT_REPORTS: list[dict[str, Any]] = [
    {
        "condition": "gluteus-medius-tendinopathy",
        "treatment": "hip-abductor-strengthening",
        "started_days_ago": 120,
        "weeks": 12,
        "outcomes": [
            "much_better", "better", "better", "same", "better", "much_better", "worse",
            "better", "same", "better", "too_early", "better", "much_better",
        ],
    },
    {
        "condition": "gluteus-medius-tendinopathy",
        "treatment": "corticosteroid-injection",
        "started_days_ago": 200,
        "weeks": None,
        "outcomes": [
            "much_better", "same", "worse", "better", "same", "same", "much_better", "worse",
            "same", "better", "same",
        ],
    },
    {
        "condition": "gluteus-medius-tendinopathy",
        "treatment": "ball-release-gluteus-medius",
        "started_days_ago": 60,
        "weeks": 4,
        "outcomes": ["better", "same", "better", "same", "too_early", "better"],
    },
    {
        "condition": "gluteus-medius-tendinopathy",
        "treatment": "positioning-advice",
        "started_days_ago": 90,
        "weeks": None,
        "outcomes": ["better", "better", "same", "much_better"],
    },
    {
        "condition": "piriformis-syndrome",
        "treatment": "stretching",
        "started_days_ago": 150,
        "weeks": 8,
        "outcomes": ["better", "same", "worse"],
    },
    {
        "condition": "iliotibial-band-syndrome",
        "treatment": "foam-rolling",
        "started_days_ago": 75,
        "weeks": 6,
        "outcomes": ["same", "better", "same"],
    },
]
# fmt: on
