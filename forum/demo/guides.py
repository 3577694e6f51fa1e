"""Condition guides for the demo: one per demo condition, written for Medius.

Plain language, careful, and general: each guide says what clinicians usually look for
and what usually helps, and sends readers to a clinician for their own case. The lists
are stored one item a line (``forum.conditions.models.Guide``).
"""

from __future__ import annotations

from typing import Any

# Red flags that apply to almost any hip, buttock or low-back pain.
INFECTION = "A hot, red or swollen hip or buttock, or pain with a fever or feeling unwell"
FALL = "Pain after a fall or knock that stops you putting weight on the leg"
CAUDA_EQUINA = (
    "Numbness around the groin, genitals or back passage, or new trouble passing urine or "
    "controlling your bladder or bowels"
)
WEAKNESS = "Weakness in the leg or foot that is getting worse, such as a foot that slaps or drags"
UNEXPLAINED = (
    "Pain with unexplained weight loss, night sweats, or a past cancer, or pain that is "
    "constant and worse at night whatever position you lie in"
)
CLOT = "A swollen, warm or painful calf or thigh, especially with breathlessness or chest pain"

TENDON_SPECIALTIES = "Musculoskeletal, Physiotherapy"

GUIDES: dict[str, dict[str, Any]] = {
    "gluteal-tendinopathy": {
        "about": (
            "Two muscles on the side of the hip, gluteus medius and gluteus minimus, attach "
            "by tendons to the greater trochanter, the bony bump you can feel on the outside "
            "of the upper thigh. Gluteal tendinopathy means those tendons have become painful "
            "and less able to take load, usually because the demands on them rose faster than "
            "they could adapt.\n\n"
            "It is not mainly an inflammation, and it is not a sign the hip joint is wearing "
            "out. With the right kind of exercise and some changes to daily habits, most "
            "people improve, though it often takes several months."
        ),
        "symptoms": [
            "Aching or sharp pain over the outside of the hip, sometimes spreading down the side "
            "of the thigh towards the knee",
            "Pain when lying on the painful side, and often on the other side too",
            "Pain climbing stairs or hills, or standing on one leg (dressing, for example)",
            "Stiffness and pain when you first get up after sitting",
            "Tenderness when you press on the bony point of the outer hip",
        ],
        "causes": [
            "A sudden increase in walking, running, hill work or stair climbing",
            "Positions that squash the tendons against the bone: crossing the legs, standing "
            "with the weight sunk into one hip, lying on the side",
            "Being over about forty, and the hormonal changes around menopause",
            "Weakness of the side-hip muscles",
            "Higher body weight, and some conditions such as diabetes",
            "Steroid injections repeated many times into the area",
        ],
        "helps": [
            "Understanding the problem: pain here does not mean damage is being done",
            "Cutting down on compression: not crossing the legs, not hanging on one hip, a "
            "pillow between the knees when lying on the side",
            "Trimming, not stopping, the activities that flare it, then building back up",
            "A graded strengthening programme for the side-hip muscles, often guided by a "
            "physiotherapist, kept up for at least three months",
            "Pain relief from a pharmacist or doctor if needed to stay active",
            "A corticosteroid injection can ease pain for a few weeks, but does not speed "
            "recovery over a year",
        ],
        "evidence": (
            "In a good-quality trial, education plus exercise helped more people than waiting "
            "and, over a year, did at least as well as a steroid injection. Shockwave therapy "
            "has mixed results. Evidence for injections of blood products (PRP) is limited."
        ),
        "told_apart": [
            "Hip osteoarthritis: usually felt in the groin, with stiffness of the joint itself "
            "rather than pain at the side",
            "Sciatica: pain that travels down the leg, often below the knee, with tingling or "
            "numbness",
            "Iliotibial band syndrome: pain lower down, on the outside of the knee, in runners "
            "and cyclists",
            "Gluteal tendon tears: marked weakness and a limp that does not settle",
        ],
        "urgent": [INFECTION, FALL, UNEXPLAINED],
        "specialties": TENDON_SPECIALTIES,
    },
    "gluteus-medius-tendinopathy": {
        "about": (
            "Gluteus medius is the fan-shaped muscle on the side of the hip that keeps the "
            "pelvis level every time you stand on one leg, with every step you take. Its "
            "tendon attaches to the greater trochanter. When the tendon becomes painful and "
            "less tolerant of load, this is gluteus medius tendinopathy, the most common form "
            "of gluteal tendinopathy."
        ),
        "symptoms": [
            "An ache over the outer hip that builds with walking, hills and stairs",
            "Pain lying on the affected side at night",
            "Pain standing on the one leg, for example putting on trousers",
            "A dip of the pelvis or a slight limp when the pain is bad",
            "Tenderness just above and behind the bony point of the hip",
        ],
        "causes": [
            "A quick rise in activity, such as a new walking routine or more running",
            "Habitual postures that press the tendon onto the bone, such as crossing the legs",
            "Age over forty and the years around menopause",
            "Weak hip muscles after a period of inactivity or illness",
        ],
        "helps": [
            "Learning which positions and loads provoke it, and easing off them for a while",
            "Isometric exercises (holding a muscle contraction still) to calm pain early on",
            "Progressive strengthening, standing and on one leg, over three months or more",
            "Returning to walking or running gradually, guided by how the hip feels the next day",
        ],
        "evidence": (
            "Education with a progressive exercise programme has the best support. It works "
            "slowly: most trials measure success at three months to a year, not weeks."
        ),
        "told_apart": [
            "Gluteus minimus tendinopathy: very similar pain, often slightly further forward; "
            "managed the same way",
            "Gluteal tendon tears: more weakness and a persistent limp",
            "Tensor fasciae latae (TFL) strain or tightness: pain a little further to the "
            "front of the hip",
        ],
        "urgent": [INFECTION, FALL, UNEXPLAINED],
        "specialties": TENDON_SPECIALTIES,
    },
    "gluteus-minimus-tendinopathy": {
        "about": (
            "Gluteus minimus is the smallest and deepest of the three buttock muscles. It "
            "lies beneath gluteus medius and attaches to the front of the greater trochanter, "
            "where it helps to steady the ball of the hip in its socket. Its tendon can become "
            "painful in the same way as the gluteus medius tendon, and the two are often "
            "affected together."
        ),
        "symptoms": [
            "Pain at the side and slightly front of the hip",
            "Pain that may spread down the outside of the thigh",
            "Discomfort lying on the side, climbing stairs, or standing on one leg",
            "Pain getting up from a low chair or out of a car",
        ],
        "causes": [
            "The same load changes that bring on gluteus medius tendinopathy",
            "Sitting or lying in positions that compress the outer hip",
            "Age over forty and the menopause years",
        ],
        "helps": [
            "Easing compression: legs uncrossed, weight even on both feet, a pillow between "
            "the knees in bed",
            "Graded exercise for the side-hip muscles, built up over months",
            "Pacing walks and stairs rather than avoiding them",
        ],
        "evidence": (
            "There are no trials of gluteus minimus on its own; advice comes from studies of "
            "gluteal tendinopathy as a whole, where education and exercise have the best "
            "support."
        ),
        "told_apart": [
            "Gluteus medius tendinopathy: pain slightly further back; usually both are "
            "present and treated alike",
            "Hip osteoarthritis: groin pain and stiffness of the joint",
            "Hip flexor strain: pain at the front of the hip when lifting the knee",
        ],
        "urgent": [INFECTION, FALL, UNEXPLAINED],
        "specialties": TENDON_SPECIALTIES,
    },
    "gluteal-tendon-tears": {
        "about": (
            "The tendons of gluteus medius and gluteus minimus can tear where they attach to "
            "the bony point of the outer hip. A tear may be partial (some fibres) or full "
            "thickness (right through). Many develop gradually in a tendon that has been "
            "painful for a long time; some follow a fall or a sudden effort.\n\n"
            "Tears are found by ultrasound or MRI scans. Small partial tears are common and "
            "often behave like tendinopathy."
        ),
        "symptoms": [
            "Pain over the outer hip, like tendinopathy but often more persistent",
            "Weakness of the hip: difficulty standing on one leg or climbing stairs",
            "A limp, or the pelvis dropping on the other side when walking (a Trendelenburg gait)",
            "Pain at night lying on the side",
        ],
        "causes": [
            "Long-standing gluteal tendinopathy",
            "Age, most often over fifty",
            "A fall onto the side, or a sudden forceful movement",
            "Previous hip surgery, including hip replacement, in some cases",
        ],
        "helps": [
            "For partial tears: the same education and strengthening as tendinopathy, often "
            "with good results",
            "A walking stick in the hand on the opposite side while the hip is weak",
            "Referral to an orthopaedic surgeon when weakness is marked or rehabilitation "
            "has not helped after several months",
            "Surgical repair for selected full-thickness tears",
        ],
        "evidence": (
            "Studies of surgical repair report good results in selected people, but there "
            "are few trials comparing surgery with rehabilitation."
        ),
        "told_apart": [
            "Gluteal tendinopathy: pain without much true weakness",
            "Hip osteoarthritis: groin pain and stiffness, seen on X-ray",
            "Sciatica: leg pain with tingling or numbness and weakness in the foot or ankle",
        ],
        "urgent": [
            FALL,
            "Sudden severe pain with a pop and new inability to walk normally",
            INFECTION,
        ],
        "specialties": "Musculoskeletal, Physiotherapy, Surgical",
    },
    "greater-trochanteric-pain-syndrome": {
        "about": (
            "Greater trochanteric pain syndrome (GTPS) is the name for pain and tenderness "
            "over the greater trochanter, the bony point on the outside of the hip. It used to "
            "be called trochanteric bursitis, but scans show that in most people the gluteal "
            "tendons are the main source of pain, and an inflamed bursa (a small fluid sac) is "
            "less common than once thought.\n\n"
            "It is one of the most common causes of hip pain in adults, especially women over "
            "forty, and usually improves with exercise and changes to daily habits."
        ),
        "symptoms": [
            "Pain on the outside of the hip, sometimes down the side of the thigh",
            "Pain at night lying on the affected side",
            "Pain with stairs, walking uphill, and standing for a long time",
            "Tenderness pressing on the outer hip",
        ],
        "causes": [
            "Gluteal tendinopathy, the most common cause",
            "Less often, irritation of the trochanteric bursa",
            "Increases in activity, and postures that compress the outer hip",
            "Age over forty, the menopause, and higher body weight",
            "Low back problems or knee arthritis that change how you walk",
        ],
        "helps": [
            "Education about load and compression",
            "A progressive strengthening programme for the hip muscles",
            "Sleeping with a pillow between the knees, or on the back",
            "Short-term pain relief; a steroid injection eases pain for some weeks in many people",
            "Shockwave therapy is offered by some clinics when exercise has not helped",
        ],
        "evidence": (
            "Education with exercise has the best support over a year. Steroid injections "
            "help many people in the short term, but the benefit tends to fade."
        ),
        "told_apart": [
            "Hip osteoarthritis: pain in the groin, stiffness, and trouble with shoes and socks",
            "Sciatica: leg pain below the knee with pins and needles",
            "Iliotibial band syndrome: pain at the outer knee rather than the hip",
        ],
        "urgent": [INFECTION, FALL, UNEXPLAINED],
        "specialties": "Musculoskeletal, Physiotherapy, PrimaryCare",
    },
    "gluteal-trigger-points": {
        "about": (
            "Trigger points are small, tender spots in a tight band of muscle that can cause "
            "pain felt nearby or further away. In the buttock muscles they can produce an ache "
            "that spreads into the back of the thigh or the side of the hip. How they arise is "
            "still debated, and clinicians do not always agree when examining for them, but "
            "the tender knots are familiar to many people with buttock pain."
        ),
        "symptoms": [
            "A deep, dull ache in the buttock",
            "Pain that spreads to the hip, the back of the thigh or the low back",
            "Tender knots that reproduce the familiar pain when pressed",
            "Stiffness after sitting or first thing in the morning",
        ],
        "causes": [
            "Long periods of sitting or standing still",
            "Unaccustomed exercise or a sudden increase in training",
            "Stress and poor sleep, which make muscles more sensitive",
            "Another painful problem nearby, such as back or hip pain",
        ],
        "helps": [
            "Keeping active, with regular movement breaks from sitting",
            "Self-massage with a ball or massage by a therapist",
            "Gentle stretching and strengthening of the hip muscles",
            "Heat for short-term relief",
            "Dry needling, offered by some physiotherapists",
        ],
        "evidence": (
            "Massage, needling and stretching can give short-term relief, but studies are "
            "small and the long-term evidence is weak. Staying active matters most."
        ),
        "told_apart": [
            "Piriformis syndrome: buttock pain with pain or tingling down the leg on sitting",
            "Sciatica: leg pain below the knee, with numbness or weakness",
            "Sacroiliac joint pain: pain just beside the bony dimples of the low back",
        ],
        "urgent": [CAUDA_EQUINA, WEAKNESS, UNEXPLAINED],
        "specialties": TENDON_SPECIALTIES,
    },
    "tensor-fasciae-latae-strain": {
        "about": (
            "The tensor fasciae latae (TFL) is a small muscle at the front and side of the "
            "hip, just below the bony ridge of the pelvis. It helps to lift and turn the leg "
            "and feeds into the iliotibial band that runs down the outside of the thigh. It "
            "can be strained, or can become sore and feel tight when it works harder to make "
            "up for weaker buttock muscles."
        ),
        "symptoms": [
            "Pain at the front and outer part of the hip, below the hip bone",
            "Pain when lifting the knee or swinging the leg out to the side",
            "A feeling of tightness that is worse after running or long walks",
            "Tenderness on pressing the muscle",
        ],
        "causes": [
            "Running, especially on hills or cambered roads",
            "Sports with a lot of kicking, cutting or side-stepping",
            "Weakness of the gluteal muscles, so the TFL does more of their work",
            "A sudden increase in training",
        ],
        "helps": [
            "A short reduction in the activity that provokes it",
            "Strengthening the gluteal muscles so the TFL is not overworked",
            "Gentle stretching and self-massage if they feel good",
            "Gradual return to running, watching hills and speed work",
        ],
        "evidence": (
            "There is little research on the TFL on its own; the advice comes from clinical "
            "experience and from studies of related running injuries."
        ),
        "told_apart": [
            "Hip flexor strain: pain deeper in the groin when lifting the knee",
            "Iliotibial band syndrome: pain at the outside of the knee",
            "Gluteus minimus tendinopathy: pain over the bony point of the outer hip",
        ],
        "urgent": [INFECTION, FALL],
        "specialties": TENDON_SPECIALTIES,
    },
    "deep-gluteal-syndrome": {
        "about": (
            "Deep gluteal syndrome is the name for pain caused by the sciatic nerve being "
            "irritated or trapped as it passes through the deep buttock, beneath gluteus "
            "maximus. Tight or thickened tissue, a muscle such as piriformis, bands of scar or "
            "blood vessels can be the cause. It is a diagnosis made after examination, and "
            "sometimes special scans, to rule out the more common causes of sciatica from the "
            "spine."
        ),
        "symptoms": [
            "Deep pain in the buttock, often on one side",
            "Pain, tingling or numbness spreading down the back of the thigh",
            "Pain that is worse sitting, especially for more than about half an hour",
            "Tenderness deep in the buttock",
            "Little or no low back pain",
        ],
        "causes": [
            "A fall onto the buttock or other injury to the area",
            "Long periods of sitting, for example driving",
            "Overuse of the deep hip muscles in sport",
            "Scar tissue after hip surgery, in some people",
        ],
        "helps": [
            "Changing sitting habits: a cushion that takes pressure off the sore side, "
            "regular breaks",
            "Nerve gliding exercises and stretching, guided by a physiotherapist",
            "Strengthening the hip muscles",
            "Injections guided by ultrasound, in some cases",
            "Surgery to free the nerve, for a few people when nothing else has helped",
        ],
        "evidence": (
            "Most studies are small case series without comparison groups, so it is hard to "
            "know which treatments work best. Exercise-based care is the usual first step."
        ),
        "told_apart": [
            "Sciatica: usually comes from the spine, often with back pain and pain below the knee",
            "Proximal hamstring tendinopathy: pain at the sit bone with running and sitting "
            "on hard seats",
            "Piriformis syndrome: one cause of deep gluteal syndrome",
        ],
        "urgent": [CAUDA_EQUINA, WEAKNESS, UNEXPLAINED],
        "specialties": "Musculoskeletal, Physiotherapy, Neurologic",
    },
    "piriformis-syndrome": {
        "about": (
            "The piriformis is a small muscle deep in the buttock that runs from the base of "
            "the spine to the top of the thigh bone and helps to turn the leg outwards. The "
            "sciatic nerve passes just below it, and in some people through it. Piriformis "
            "syndrome is buttock and leg pain thought to come from the muscle irritating the "
            "nerve. It is a form of deep gluteal syndrome and is less common than sciatica "
            "from the spine."
        ),
        "symptoms": [
            "Pain deep in the buttock",
            "Pain or tingling down the back of the thigh",
            "Pain worse when sitting, crossing the legs, or climbing stairs",
            "Tenderness deep in the middle of the buttock",
        ],
        "causes": [
            "Prolonged sitting, particularly on hard surfaces or with a wallet in the back pocket",
            "A fall onto the buttock",
            "Overuse in running or sports with repeated twisting",
            "A nerve that passes through the muscle, in a minority of people",
        ],
        "helps": [
            "Breaking up sitting and changing the seat or cushion",
            "Gentle stretches for the piriformis and other hip muscles",
            "Strengthening of the hip and buttock muscles",
            "Injections into the muscle under ultrasound, for some people",
        ],
        "evidence": (
            "Experts still debate how the diagnosis should be made, and trials of treatment "
            "are few and small. Exercise and activity changes are reasonable to try first."
        ),
        "told_apart": [
            "Sciatica: more often comes with back pain, and pain travels below the knee",
            "Gluteal trigger points: tender knots without tingling or numbness",
            "Sacroiliac joint pain: pain near the bony dimples at the base of the spine",
        ],
        "urgent": [CAUDA_EQUINA, WEAKNESS, UNEXPLAINED],
        "specialties": "Musculoskeletal, Physiotherapy",
    },
    "sciatica": {
        "about": (
            "Sciatica is pain that travels from the low back or buttock down the back or side "
            "of the leg, along the path of the sciatic nerve. Most often a nerve root is "
            "irritated near the spine, usually by a bulging disc, and less often by narrowing "
            "of the spaces around the nerves. The pain can be severe, but most people improve "
            "over weeks to a few months without surgery."
        ),
        "symptoms": [
            "Leg pain that is often worse than the back pain",
            "Pain spreading below the knee, sometimes into the foot",
            "Pins and needles or numbness in part of the leg or foot",
            "Weakness in the leg or foot, in some people",
            "Pain worse with sitting, coughing or sneezing",
        ],
        "causes": [
            "A bulging or herniated disc in the low back",
            "Narrowing of the spinal canal or nerve openings, more common after sixty",
            "Heavy physical work and repeated lifting with twisting",
            "Smoking and higher body weight",
        ],
        "helps": [
            "Staying as active as you can; bed rest does not help",
            "Heat, and changing position often",
            "Pain relief advised by a pharmacist or doctor; some nerve pain medicines have "
            "little benefit for sciatica",
            "Physiotherapy and exercise",
            "An epidural injection for severe pain, in some cases",
            "Surgery for severe, persistent pain or worsening weakness",
        ],
        "evidence": (
            "Most sciatica improves by itself. Surgery can speed relief when pain is severe, "
            "but after a year or two results are often similar to non-surgical care."
        ),
        "told_apart": [
            "Deep gluteal syndrome: the nerve is irritated in the buttock, with little back pain",
            "Piriformis syndrome: buttock pain that is worse sitting, without back pain",
            "Hip osteoarthritis: groin pain and stiffness rather than pain along the leg",
        ],
        "urgent": [CAUDA_EQUINA, WEAKNESS, "Sciatica on both sides at once", UNEXPLAINED],
        "specialties": "Musculoskeletal, Physiotherapy, Neurologic, PrimaryCare",
    },
    "iliotibial-band-syndrome": {
        "about": (
            "The iliotibial band (IT band) is a strong strip of connective tissue running "
            "down the outside of the thigh from the hip to just below the knee. Iliotibial "
            "band syndrome is pain on the outside of the knee, where the band passes over the "
            "end of the thigh bone, and is common in runners and cyclists. The band itself "
            "cannot really be stretched; the pain comes from irritation of the tissue beneath "
            "it when load rises."
        ),
        "symptoms": [
            "Sharp or burning pain on the outside of the knee",
            "Pain that starts at a predictable point in a run and builds",
            "Pain worse going downhill or down stairs",
            "Sometimes an ache higher up on the outer thigh or hip",
        ],
        "causes": [
            "A sudden increase in running distance, especially downhill",
            "Running on cambered roads or always in the same direction on a track",
            "Weak hip muscles that let the knee turn in",
            "A change in shoes or bike set-up",
        ],
        "helps": [
            "Reducing running volume and hills for a while, without stopping all activity",
            "Strengthening the hip and thigh muscles",
            "Foam rolling if it helps, though it does not lengthen the band",
            "A gradual return to running, with shorter strides",
            "Checking bike fit for cyclists",
        ],
        "evidence": (
            "Studies are small. Load management and hip strengthening are the most widely "
            "recommended; a steroid injection may help in the short term."
        ),
        "told_apart": [
            "Greater trochanteric pain syndrome: pain at the outer hip rather than the knee",
            "Tensor fasciae latae (TFL) strain or tightness: pain at the front of the hip",
            "Snapping hip: a snap at the outer hip, often painless",
        ],
        "urgent": [INFECTION, "A knee that swells quickly or locks after a twist"],
        "specialties": TENDON_SPECIALTIES,
    },
    "quadratus-lumborum-pain": {
        "about": (
            "The quadratus lumborum (QL) is a deep muscle on each side of the low back, "
            "running from the lowest rib to the top of the pelvis. It steadies the spine and "
            "pelvis and helps you bend sideways. QL pain is a common name for one-sided low "
            "back pain that seems to come from this muscle. Like most low back pain, it is "
            "usually not caused by serious damage and tends to settle."
        ),
        "symptoms": [
            "A deep ache on one side of the low back, above the hip bone",
            "Pain bending sideways, turning in bed, or standing up from a chair",
            "Pain that can spread to the buttock or the side of the hip",
            "Muscle spasm after lifting or a sudden movement",
        ],
        "causes": [
            "Lifting and twisting, especially when tired",
            "Long periods of standing with the weight on one leg, or sitting",
            "A sudden increase in activity",
            "Stress and poor sleep, which make back pain more likely to persist",
        ],
        "helps": [
            "Staying active and keeping up normal activities as far as you can",
            "Heat and gentle movement",
            "Exercise, whether walking, stretching or strengthening",
            "Pain relief from a pharmacist if needed",
            "Manual therapy or massage as part of an exercise plan",
        ],
        "evidence": (
            "For low back pain, staying active and exercise have the best evidence; no one "
            "exercise type is clearly better. Rest in bed slows recovery."
        ),
        "told_apart": [
            "Sacroiliac joint pain: pain lower down, near the bony dimples of the pelvis",
            "Sciatica: pain travelling down the leg below the knee",
            "Greater trochanteric pain syndrome: pain at the side of the hip, not the back",
        ],
        "urgent": [
            CAUDA_EQUINA,
            WEAKNESS,
            UNEXPLAINED,
            "Back pain with a fever, or pain in the side with blood in the urine",
        ],
        "specialties": "Musculoskeletal, Physiotherapy, PrimaryCare",
    },
    "hip-flexor-strain": {
        "about": (
            "The hip flexors are the muscles at the front of the hip that lift the knee "
            "towards the chest, chiefly the iliopsoas, which runs from the spine and pelvis "
            "to the top of the thigh bone, and the rectus femoris. A strain is damage to some "
            "of the muscle fibres, usually from a sudden burst of effort such as sprinting or "
            "kicking."
        ),
        "symptoms": [
            "Pain at the front of the hip or in the groin",
            "Pain lifting the knee, climbing stairs or getting into a car",
            "Sudden pain during a sprint or kick, sometimes with a pulling feeling",
            "Tenderness and sometimes bruising at the front of the hip",
        ],
        "causes": [
            "Sprinting, kicking and sports with sudden changes of direction",
            "Not warming up, or fatigue late in a game",
            "A previous strain in the same place",
            "A sudden increase in training",
        ],
        "helps": [
            "Relative rest for a few days: avoid what hurts, keep moving what does not",
            "Ice or a cold pack in the first couple of days if it eases pain",
            "Gentle range-of-motion exercises, then progressive strengthening",
            "A gradual return to running and kicking, over weeks",
        ],
        "evidence": (
            "Most research on muscle strains comes from sport; a graded loading programme "
            "is the accepted approach, and mild strains usually recover in a few weeks."
        ),
        "told_apart": [
            "Femoroacetabular impingement: groin pain with deep bending and twisting, without "
            "a sudden injury",
            "Labral tear: groin pain with clicking or catching",
            "Hip osteoarthritis: gradual groin pain and stiffness in older adults",
        ],
        "urgent": [
            FALL,
            INFECTION,
            "Groin pain that builds with running and hurts with every step (a possible "
            "stress fracture)",
        ],
        "specialties": TENDON_SPECIALTIES,
    },
    "sacroiliac-joint-pain": {
        "about": (
            "The sacroiliac joints join the base of the spine (the sacrum) to the pelvis, one "
            "on each side, under the two bony dimples of the low back. They move only a "
            "little and are held by strong ligaments. Pain can come from the joint itself or "
            "the tissues around it, and occasionally from inflammation of the joint "
            "(sacroiliitis), which is part of some forms of arthritis."
        ),
        "symptoms": [
            "Pain over one or both dimples at the base of the back",
            "Pain spreading into the buttock and sometimes the back of the thigh",
            "Pain standing on one leg, climbing stairs, or turning in bed",
            "Pain getting up after sitting",
        ],
        "causes": [
            "Pregnancy and the months after giving birth",
            "A fall onto the buttock, or a jarring injury",
            "Differences in how the legs take load, such as after a leg injury",
            "Inflammatory arthritis, such as axial spondyloarthritis, in some people",
        ],
        "helps": [
            "Staying active and pacing activities",
            "Exercise to strengthen the hip, buttock and trunk muscles",
            "A pelvic belt for some people, particularly in pregnancy",
            "Pain relief advised by a pharmacist or doctor",
            "Referral to a rheumatologist when an inflammatory cause is suspected",
        ],
        "evidence": (
            "Exercise-based care is usual, though trials are few. The evidence for "
            "injections and for procedures that deaden the nerves is mixed."
        ),
        "told_apart": [
            "Quadratus lumborum pain: pain higher up, above the hip bone",
            "Piriformis syndrome: pain deeper in the middle of the buttock",
            "Sciatica: pain below the knee with tingling or numbness",
        ],
        "urgent": [
            CAUDA_EQUINA,
            INFECTION,
            UNEXPLAINED,
            "Back pain and stiffness that is worse in the morning, eases with exercise "
            "and began before forty: ask your doctor about inflammatory arthritis",
        ],
        "specialties": "Musculoskeletal, Physiotherapy, Rheumatologic",
    },
    "proximal-hamstring-tendinopathy": {
        "about": (
            "The hamstring muscles at the back of the thigh attach by a shared tendon to the "
            "sit bone (ischial tuberosity) at the bottom of the buttock. Proximal hamstring "
            "tendinopathy means this tendon has become painful and less tolerant of load. It "
            "is common in runners, particularly with hills and speed work, and also in people "
            "who sit for long periods."
        ),
        "symptoms": [
            "Deep pain at the sit bone, at the base of the buttock",
            "Pain sitting, especially on hard seats or for long periods",
            "Pain running, particularly uphill or fast",
            "Pain bending forward with straight legs, or lunging",
        ],
        "causes": [
            "A rise in running speed, hills or distance",
            "Sports with a lot of sprinting or kicking",
            "Stretches that pull the tendon over the sit bone, such as deep hamstring stretches",
            "Long periods of sitting on firm seats",
        ],
        "helps": [
            "Reducing what compresses the tendon: deep stretches, long sitting on hard seats",
            "A cushion that takes pressure off the sit bone",
            "Isometric holds to ease pain, then progressive hamstring strengthening",
            "A gradual return to running, hills and speed work last",
        ],
        "evidence": (
            "Progressive loading has the best support, mostly from small studies. Shockwave "
            "therapy has some promising results; injections have limited evidence."
        ),
        "told_apart": [
            "Ischial bursitis: pain at the sit bone mainly when sitting, less with running",
            "Deep gluteal syndrome: deep buttock pain with tingling down the leg",
            "Sciatica: pain below the knee, often with back pain",
        ],
        "urgent": [
            "A sudden pop at the back of the thigh with bruising and weakness (a possible "
            "tendon tear, which may need an early specialist opinion)",
            INFECTION,
            CAUDA_EQUINA,
        ],
        "specialties": TENDON_SPECIALTIES,
    },
    "hip-osteoarthritis": {
        "about": (
            "In osteoarthritis of the hip, the cartilage lining the ball and socket thins, and "
            "the bone beneath it changes. It becomes more common with age and is one of the "
            "main causes of hip pain in older adults. It is not simply wear and tear: the "
            "joint is constantly repairing itself, and exercise is good for it. Symptoms "
            "often come and go rather than steadily worsening."
        ),
        "symptoms": [
            "Pain in the groin or front of the thigh, sometimes the buttock or knee",
            "Stiffness in the morning or after sitting, usually easing within half an hour",
            "Difficulty putting on socks and shoes or cutting toenails",
            "Reduced walking distance and a limp",
        ],
        "causes": [
            "Age, usually over fifty",
            "A family history of hip osteoarthritis",
            "Hip shape differences, such as hip dysplasia or impingement",
            "Previous hip injury",
            "Higher body weight",
        ],
        "helps": [
            "Exercise: strengthening, walking, cycling or water exercise",
            "Weight loss if you are overweight",
            "Education about the condition and pacing",
            "Pain relief advised by a pharmacist or doctor; anti-inflammatory gels work less "
            "well for the hip than the knee",
            "A walking stick in the opposite hand",
            "Hip replacement when pain and loss of function stay severe",
        ],
        "evidence": (
            "Exercise and education are recommended first in every major guideline. Hip "
            "replacement is very effective for severe osteoarthritis."
        ),
        "told_apart": [
            "Greater trochanteric pain syndrome: pain at the side of the hip, not the groin",
            "Femoroacetabular impingement: groin pain in younger adults with deep bending",
            "Sciatica: leg pain with tingling, from the spine",
        ],
        "urgent": [INFECTION, FALL, UNEXPLAINED],
        "specialties": "Musculoskeletal, Physiotherapy, Rheumatologic, Surgical",
    },
    "femoroacetabular-impingement": {
        "about": (
            "In femoroacetabular impingement (FAI), extra bone on the ball of the hip (cam "
            "shape) or the rim of the socket (pincer shape) means the two can pinch together "
            "at the end of movement, especially with the hip bent deeply and turned in. These "
            "shapes are common, often develop during teenage sport, and many people with them "
            "never have pain. FAI syndrome is diagnosed when the shape comes with typical "
            "symptoms and examination findings."
        ),
        "symptoms": [
            "Pain in the groin or front of the hip, sometimes the side",
            "Pain with deep squats, low chairs, getting in and out of cars",
            "Pain with twisting or pivoting in sport",
            "Clicking, catching or stiffness of the hip",
        ],
        "causes": [
            "A cam or pincer hip shape, often developing with high-level sport in adolescence",
            "Sports with deep hip bending and twisting: football, hockey, martial arts, dance",
            "Family history",
        ],
        "helps": [
            "Changing or reducing the positions and activities that bring on the pain",
            "A physiotherapy programme to strengthen the hip and trunk",
            "Pain relief advised by a pharmacist or doctor",
            "Arthroscopic (keyhole) hip surgery for some people when rehabilitation has not helped",
        ],
        "evidence": (
            "On average, trials found keyhole surgery improved symptoms a little more than "
            "physiotherapy at a year, but many people do well with physiotherapy alone, and "
            "surgery has its own risks."
        ),
        "told_apart": [
            "Labral tear: often present too; clicking, catching and locking",
            "Hip flexor strain: follows a sudden effort, with pain lifting the knee",
            "Hip osteoarthritis: older age, stiffness and joint changes on X-ray",
        ],
        "urgent": [
            INFECTION,
            FALL,
            "Groin pain on every step in a runner or young athlete (a possible stress fracture)",
        ],
        "specialties": "Musculoskeletal, Physiotherapy, Surgical",
    },
    "labral-tear": {
        "about": (
            "The labrum is a ring of tough cartilage around the rim of the hip socket. It "
            "deepens the socket and helps seal the joint. It can tear with a twisting injury, "
            "or gradually alongside impingement, hip dysplasia or early joint wear. Labral "
            "tears are very common on scans in people without hip pain, so a tear on a scan "
            "is not always the cause of the pain."
        ),
        "symptoms": [
            "Pain in the groin or front of the hip",
            "Clicking, catching or locking in the joint",
            "Pain with twisting, pivoting or deep bending",
            "A feeling that the hip gives way, in some people",
        ],
        "causes": [
            "Femoroacetabular impingement",
            "Hip dysplasia (a shallow socket)",
            "Twisting sports and dance",
            "A fall or hip dislocation",
            "Early osteoarthritis",
        ],
        "helps": [
            "Avoiding the movements that provoke pain for a while",
            "Physiotherapy focused on hip strength and control",
            "Pain relief advised by a pharmacist or doctor",
            "Keyhole surgery to repair or trim the labrum for some people when symptoms persist",
        ],
        "evidence": (
            "Many people improve with physiotherapy. Surgery helps selected people; results "
            "are less good when osteoarthritis is already present."
        ),
        "told_apart": [
            "Femoroacetabular impingement: often the cause of the tear; pain with deep bending",
            "Snapping hip: a snap or clunk that is usually painless",
            "Hip flexor strain: pain lifting the knee after a sudden effort",
        ],
        "urgent": [INFECTION, FALL, "A hip that locks and cannot be moved"],
        "specialties": "Musculoskeletal, Physiotherapy, Surgical",
    },
    "snapping-hip": {
        "about": (
            "Snapping hip is a snap, click or clunk you feel or hear as the hip moves. In "
            "outer (external) snapping hip, the iliotibial band or the front edge of gluteus "
            "maximus flicks over the bony point of the outer hip. In inner (internal) snapping "
            "hip, the iliopsoas tendon slides over bone at the front of the hip. It is common, "
            "especially in dancers and athletes, and is usually harmless when it does not hurt."
        ),
        "symptoms": [
            "A snap or clunk at the side or front of the hip with certain movements",
            "A sensation of something moving over the hip",
            "Sometimes pain or aching around the snap",
        ],
        "causes": [
            "Dance, running and sports with repeated hip bending",
            "Tightness or changes in how the muscles around the hip work",
            "A growth spurt in teenagers",
        ],
        "helps": [
            "Reassurance: a painless snap needs no treatment",
            "Reducing the movement that causes painful snapping for a while",
            "Exercises to improve hip strength and control, guided by a physiotherapist",
            "A steroid injection or, rarely, surgery for painful snapping that does not settle",
        ],
        "evidence": (
            "Evidence comes mostly from case series. Most people with painful snapping "
            "improve with rehabilitation."
        ),
        "told_apart": [
            "Labral tear: clicking deep in the joint with catching or locking and groin pain",
            "Iliotibial band syndrome: pain at the outer knee in runners",
            "Greater trochanteric pain syndrome: constant outer hip pain without a snap",
        ],
        "urgent": [INFECTION, FALL, "A hip that locks and cannot be moved"],
        "specialties": TENDON_SPECIALTIES,
    },
    "ischial-bursitis": {
        "about": (
            "A bursa is a small sac of fluid that reduces friction between tissues. The "
            "ischial bursa lies between the sit bone and the gluteus maximus muscle. When it is "
            "irritated, usually by long periods of sitting on hard surfaces, it causes pain at "
            "the base of the buttock. It was once called weaver's bottom after people who sat "
            "for hours at a loom."
        ),
        "symptoms": [
            "Pain at the sit bone, at the bottom of the buttock",
            "Pain worse sitting, especially on hard seats",
            "Tenderness over the sit bone",
            "Sometimes swelling you can feel",
        ],
        "causes": [
            "Long periods of sitting on hard surfaces",
            "Cycling or rowing for long periods",
            "A fall onto the buttocks",
            "Weight loss that leaves less padding over the sit bone",
        ],
        "helps": [
            "A cushion that takes pressure off the sit bone, and breaks from sitting",
            "Keeping active and strengthening the hip muscles",
            "Pain relief advised by a pharmacist or doctor",
            "A steroid injection, in some cases",
        ],
        "evidence": (
            "There is little research specific to ischial bursitis; the advice comes from "
            "clinical experience."
        ),
        "told_apart": [
            "Proximal hamstring tendinopathy: pain with running and lunging as well as sitting",
            "Deep gluteal syndrome: buttock pain with tingling down the leg",
            "Gluteus maximus strain: pain in the bulk of the buttock after a sudden effort",
        ],
        "urgent": [INFECTION, CAUDA_EQUINA, UNEXPLAINED],
        "specialties": "Musculoskeletal, Physiotherapy, PrimaryCare",
    },
    "gluteus-maximus-strain": {
        "about": (
            "The gluteus maximus is the largest muscle of the buttock. It straightens the hip "
            "and powers climbing, running uphill and rising from a squat. A strain is damage "
            "to some of its fibres, usually from a sudden, forceful effort. Strains of this "
            "muscle are less common than hamstring strains and usually recover well."
        ),
        "symptoms": [
            "Pain in the bulk of the buttock that began during an effort",
            "Pain climbing stairs, rising from a chair or running uphill",
            "Tenderness and sometimes bruising in the buttock",
            "Pain stretching the muscle, as in bringing the knee to the chest",
        ],
        "causes": [
            "Sprinting, jumping and heavy lifting",
            "Steep hill running or stair climbing",
            "Not warming up, or fatigue",
            "A sudden increase in training",
        ],
        "helps": [
            "Relative rest for a few days, keeping up gentle movement",
            "Progressive strengthening: bridges, step-ups, then squats",
            "A gradual return to running, hills and jumping",
        ],
        "evidence": (
            "Research on this muscle is limited. Graded loading is the accepted approach "
            "for muscle strains, and mild strains usually recover within weeks."
        ),
        "told_apart": [
            "Gluteal trigger points: ache without a clear injury",
            "Proximal hamstring tendinopathy: pain at the sit bone rather than the bulk of the "
            "buttock",
            "Sacroiliac joint pain: pain at the dimples at the base of the spine",
        ],
        "urgent": [FALL, INFECTION, CAUDA_EQUINA],
        "specialties": TENDON_SPECIALTIES,
    },
}

# "Not sure yet" is no diagnosis, so its guide is a map: the same fields, read as what such
# pain often turns out to be (causes), how to describe it when asking (symptoms), what is
# reasonable meanwhile (helps), how clinicians tell the usual causes apart (told_apart) and
# the red flags (urgent). conditions/_guide.html gives those fields their headings here.
GUIDES["not-sure-yet"] = {
    "about": (
        "Pain on the outside of the hip or in the buttock is common, and at first it often "
        "has no name. That is normal: several structures sit close together here (the "
        "tendons on the side of the hip, the buttock muscles, the sciatic nerve, the "
        "sacroiliac joint, the hip joint itself and the lower back), and pain from one can "
        "be felt over another. Most of it comes from tendons, muscles or joints, is not "
        "dangerous, and settles or improves with the right loading.\n\n"
        "This guide cannot tell you what your pain is. It explains what such pain most often "
        "turns out to be, what a clinician looks for, what is reasonable to try while you "
        "wait, and how to describe your pain so that replies can be useful."
    ),
    "symptoms": [
        "Where exactly it hurts: point with one finger if you can (the bony point at the side "
        "of the hip, the middle of the buttock, the sit bone, the groin, the low back)",
        "Whether it spreads, and how far: to the thigh, below the knee, into the foot",
        "Any tingling, numbness, pins and needles or weakness, and where",
        "What sets it off: lying on one side, sitting, stairs, walking, running, getting up",
        "What eases it, and how it changes through the day and night",
        "How and when it began: suddenly with an effort or fall, or gradually after a change "
        "in activity",
        "How long you have had it, what you have tried and what happened",
    ],
    "causes": [
        "Gluteal tendinopathy, also called greater trochanteric pain syndrome: the most "
        "common cause of pain at the side of the hip, especially from middle age",
        "Pain from the lower back felt in the buttock, with or without sciatica down the leg",
        "Sacroiliac joint pain, low in the buttock beside the base of the spine",
        "Irritation of the sciatic nerve deep in the buttock (deep gluteal or piriformis syndrome)",
        "Proximal hamstring tendinopathy, at the sit bone, worse when sitting",
        "The hip joint itself (osteoarthritis, impingement), more often felt in the groin",
        "Tender, tight buttock muscles (trigger points), often alongside one of the above",
    ],
    "helps": [
        "Keep moving within comfort: walking and gentle activity usually help more than rest",
        "Ease off, rather than stop, whatever clearly flares it, for a week or two",
        "Notice what you do that compresses the sore side: lying on it, crossing your legs, "
        "sitting long on a hard seat",
        "Simple pain relief from a pharmacist, if it is safe for you, to stay active and sleep",
        "Keep a short note of what makes it better or worse: it helps you, the people who "
        "reply and the clinician who examines you",
        "See a GP or physiotherapist if it is not easing after two or three weeks, keeps you "
        "awake, or keeps coming back",
    ],
    "evidence": (
        "For most hip and buttock pain without red flags, staying active and seeing a "
        "clinician if it lingers is sound advice. Scans are rarely needed at first: changes "
        "on them are common in people without pain, and an examination usually tells more."
    ),
    "told_apart": [
        "Greater trochanteric pain syndrome: tender on the bony point at the side of the hip, "
        "and painful lying on that side",
        "Sciatica: pain that travels down the leg, often below the knee, with tingling or "
        "numbness, and a back that may also ache",
        "Deep gluteal syndrome: deep buttock pain made worse by sitting, sometimes with "
        "tingling down the back of the thigh, without much back pain",
        "Sacroiliac joint pain: pain at the dimple at the base of the spine, pointed to with "
        "one finger, sometimes after pregnancy or a fall on the buttock",
        "Proximal hamstring tendinopathy: pain at the sit bone, worse sitting and running uphill",
        "Hip osteoarthritis: pain mostly in the groin, a stiff hip, and trouble putting on "
        "socks or shoes",
    ],
    "urgent": [FALL, INFECTION, CAUDA_EQUINA, WEAKNESS, UNEXPLAINED, CLOT],
    "specialties": "PrimaryCare, Musculoskeletal, Physiotherapy",
}


def guide_fields(slug: str) -> dict[str, str]:
    """The guide of the demo condition ``slug`` as ``Guide`` field values."""
    spec = GUIDES[slug]
    return {
        name: "\n".join(value) if isinstance(value, list) else value for name, value in spec.items()
    }
