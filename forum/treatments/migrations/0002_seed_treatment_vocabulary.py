"""The first treatment vocabulary, for the outer hip and buttock. Editors change it in
the admin afterwards; this only adds what is missing, and never removes anything."""

from django.db import migrations

# (name, slug, kind, description, evidence note, synonyms)
TREATMENTS = [
    (
        "Ball release of the gluteus medius",
        "ball-release-gluteus-medius",
        "self_care",
        "Leaning or lying on a firm ball (a lacrosse or massage ball) placed on the side of "
        "the buttock, holding on tender spots for a minute or so.",
        "Small studies of self-massage show short-lived easing of tenderness; nothing shows "
        "it changes a tendon. Avoid pressing on the bony point of the hip if it is sore, "
        "which often aggravates a sore gluteal tendon.",
        ["Lacrosse ball release", "Trigger point self-massage"],
    ),
    (
        "Foam rolling",
        "foam-rolling",
        "self_care",
        "Rolling the thigh and buttock over a foam cylinder, often along the outside of the "
        "thigh over the iliotibial band.",
        "It can ease stiffness for a while. The iliotibial band itself barely stretches or "
        "lengthens, so any effect is probably on how the area feels rather than its length.",
        ["Foam roller", "ITB rolling"],
    ),
    (
        "Hip abductor strengthening",
        "hip-abductor-strengthening",
        "exercise",
        "Progressive exercises for the muscles on the side of the hip, from holds against "
        "a wall to side-lying lifts and standing band work.",
        "Among the better-studied options for gluteal tendinopathy: in trials, exercise "
        "with education did better at a year than a single steroid injection or waiting. "
        "Results take weeks to months, and the dose needs adjusting to pain.",
        ["Glute med strengthening", "Side-lying leg raises"],
    ),
    (
        "Isometric holds",
        "isometric-holds",
        "exercise",
        "Holding a muscle contraction without moving the joint, for example pressing the "
        "outer leg into a wall for 30 to 45 seconds.",
        "Often used early when other exercise hurts. Short-term pain relief has been "
        "reported for some tendons, but studies disagree and the effect varies a lot.",
        ["Isometrics"],
    ),
    (
        "Hip and core strengthening programme",
        "hip-core-strengthening",
        "exercise",
        "A broader programme for the hips, trunk and legs: squats, bridges, step-ups, "
        "single-leg balance and carrying loads.",
        "General strengthening helps many hip and low-back complaints in trials, "
        "though it is hard to know which part of a programme does the work.",
        ["Glute strengthening", "Core stability"],
    ),
    (
        "Stretching",
        "stretching",
        "exercise",
        "Regular stretches for the buttock, hip flexors and thigh, such as the figure-four "
        "stretch.",
        "Gentle stretching can feel good. For gluteal tendons, stretches that pull the leg "
        "across the body compress the tendon and may aggravate it; for piriformis and "
        "deep gluteal pain the evidence is thin either way.",
        ["Piriformis stretch", "Figure-four stretch"],
    ),
    (
        "Yoga",
        "yoga",
        "exercise",
        "Classes or home practice combining postures, breathing and relaxation.",
        "Trials show modest benefit for chronic low-back pain, similar to other exercise. "
        "For outer-hip tendons, some postures (deep crossing of the legs) compress the "
        "tendon, so many people adapt them.",
        [],
    ),
    (
        "Pilates",
        "pilates",
        "exercise",
        "Mat or equipment-based exercise focusing on control, posture and trunk strength.",
        "Helps chronic low-back pain about as much as other exercise in trials; little "
        "direct research for outer-hip pain.",
        [],
    ),
    (
        "Load management",
        "load-management",
        "load",
        "Changing how much and how often the sore area is loaded: fewer hills or stairs for "
        "a while, shorter sessions, building back gradually.",
        "Part of most guidelines for tendon pain. It rarely fixes things alone but makes "
        "other treatments tolerable; complete rest tends to weaken tendons.",
        ["Activity modification", "Relative rest"],
    ),
    (
        "Avoiding side-lying and crossed legs",
        "positioning-advice",
        "load",
        "Sleeping with a pillow between the knees, not lying on the sore side, not crossing "
        "legs or hanging on one hip when standing.",
        "Based on how these positions compress the gluteal tendons against the bone; it is "
        "part of the education that did well in trials, though not tested on its own.",
        ["Pillow between knees", "Sleeping position"],
    ),
    (
        "Running gait changes",
        "running-gait-changes",
        "load",
        "Adjusting how one runs: a slightly higher step rate, a wider step, less crossing "
        "of the feet over the midline.",
        "Small studies suggest a higher step rate reduces load at the hip. Evidence that it "
        "prevents or cures hip pain is limited.",
        ["Cadence increase", "Gait retraining"],
    ),
    (
        "Physiotherapy",
        "physiotherapy",
        "manual",
        "Assessment and a programme from a physiotherapist, usually exercise, education and "
        "sometimes hands-on treatment.",
        "Such a broad label that results depend on what the programme contained. "
        "Supervised, progressed exercise has the best support.",
        ["Physical therapy", "Physio"],
    ),
    (
        "Massage therapy",
        "massage-therapy",
        "manual",
        "Soft-tissue massage of the buttock, hip and thigh by a therapist.",
        "Short-term relief for some people; little evidence of lasting change.",
        ["Sports massage", "Soft tissue therapy"],
    ),
    (
        "Chiropractic or osteopathic manipulation",
        "spinal-manipulation",
        "manual",
        "Manipulation or mobilisation of the lower back, pelvis or hip joints.",
        "For low-back pain, trials show effects similar to other recommended treatments. "
        "Little evidence for outer-hip tendon pain.",
        ["Spinal manipulation", "Osteopathy", "Chiropractic"],
    ),
    (
        "Dry needling",
        "dry-needling",
        "needling",
        "Fine needles inserted into tender spots in muscle, without injecting anything.",
        "Studies are small, often without a convincing sham, and show short-term pain "
        "relief at best. Some soreness afterwards is common.",
        ["Trigger point needling", "Intramuscular stimulation"],
    ),
    (
        "Acupuncture",
        "acupuncture",
        "needling",
        "Needling at traditional acupuncture points, usually over several sessions.",
        "For chronic low-back pain, real and sham acupuncture often do about equally well, "
        "both a little better than no treatment. Little research on outer-hip pain.",
        [],
    ),
    (
        "Corticosteroid injection",
        "corticosteroid-injection",
        "injection",
        "An injection of a steroid, usually with local anaesthetic, into or near the sore "
        "area, often guided by ultrasound.",
        "Often brings relief within weeks for gluteal tendinopathy, but trials found that "
        "at a year it did no better than waiting, and worse than exercise with education. "
        "Repeated injections may weaken tendons.",
        ["Cortisone injection", "Steroid injection"],
    ),
    (
        "Platelet-rich plasma injection",
        "prp-injection",
        "injection",
        "An injection of a concentrate made from one's own blood.",
        "A few trials for gluteal tendinopathy are promising but small and varied in how "
        "the injection was prepared. It is costly and usually not covered.",
        ["PRP"],
    ),
    (
        "Shockwave therapy",
        "shockwave-therapy",
        "manual",
        "Pressure waves applied through the skin over the sore tendon, usually in three to "
        "five sessions.",
        "Some trials in gluteal tendinopathy report benefit over other care, others do not; "
        "quality is mixed. Usually offered when exercise alone has not helped.",
        ["ESWT", "Extracorporeal shockwave"],
    ),
    (
        "Anti-inflammatory medicines",
        "nsaids",
        "medication",
        "Tablets or gels such as ibuprofen or naproxen.",
        "Can ease pain for a short while. Tablets carry stomach, kidney and heart risks for "
        "some people, so ask a pharmacist or doctor; gels carry fewer.",
        ["NSAIDs", "Ibuprofen", "Naproxen"],
    ),
    (
        "Heat or ice",
        "heat-or-ice",
        "self_care",
        "A warm pack or an ice pack on the sore area for 10 to 20 minutes.",
        "Simple and cheap; it may ease pain for a while but there is little evidence it "
        "changes the course of a tendon or muscle problem.",
        ["Heat pack", "Ice pack"],
    ),
    (
        "Tendon repair surgery",
        "tendon-repair-surgery",
        "surgery",
        "An operation to reattach a torn gluteal tendon, open or keyhole.",
        "For full-thickness tears that have not improved with months of other care, "
        "case series report good results; there are no trials against non-surgical care.",
        ["Gluteal tendon repair"],
    ),
    (
        "Bursectomy or iliotibial band release",
        "bursectomy-itb-release",
        "surgery",
        "Surgery removing the bursa over the hip and sometimes lengthening the iliotibial band.",
        "Reserved for long-lasting pain after other care; evidence is limited to case series.",
        ["Bursectomy", "ITB release"],
    ),
]


def seed(apps, schema_editor):
    Treatment = apps.get_model("treatments", "Treatment")
    TreatmentSynonym = apps.get_model("treatments", "TreatmentSynonym")
    for name, slug, kind, description, evidence_note, synonyms in TREATMENTS:
        treatment, _ = Treatment.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "description": description,
                "evidence_note": evidence_note,
            },
        )
        for synonym in synonyms:
            if not TreatmentSynonym.objects.filter(name__iexact=synonym).exists():
                TreatmentSynonym.objects.create(treatment=treatment, name=synonym)


class Migration(migrations.Migration):
    dependencies = [("treatments", "0001_treatment_vocabulary_records_follow_ups")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
