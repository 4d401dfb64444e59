"""Demonstration data (COLLAB_PLUGIN_SEED=demo), deterministic for a given start date: the desk
opened 19 months ago and has logged 802 issues since (DOMAIN.md), across the six root-cause areas;
most older issues are resolved, recent ones still open."""
import datetime as dt
import random

import store as desk_store

ISSUES = 802
MONTHS = 19

WARDS = ["Ward 1 (acute medicine)", "Ward 3 (respiratory)", "Ward 5 (elderly care)", "Ward 7 (stroke)", "Ward 8 (orthopaedics)",
         "Ward 9 (general surgery)", "Ward 12 (renal)", "Ward 13 (oncology)", "Ward 15 (maternity)", "Ward 16 (children's)",
         "Ward 20 (frailty)", "Intensive care unit"]
SISTERS = ["Sister Akhtar", "Sister Brooke", "Sister Dobson", "Sister Fenton", "Sister Gill", "Sister Hirst", "Sister Kaur",
           "Sister Moss", "Sister Nolan", "Sister Pratt", "Sister Quinn", "Sister Rhodes"]

# (category number, weight, typical corporate services, example requests)
CATEGORIES = [
    (1, 0.14, ["estates", "facilities"], ["Two teams each say the broken bay door is the other's job",
                                           "Bed repairs bounced between estates and the equipment library"]),
    (2, 0.27, ["HR", "finance", "procurement"], ["Bank staff request form needs four signatures",
                                                  "Ordering a replacement commode takes three systems",
                                                  "Agency timesheets rejected for a missing code"]),
    (3, 0.17, ["IT", "facilities", "medical records"], ["IT helpdesk closed the call without fixing the printer",
                                                         "Porters did not come for a discharge for three hours"]),
    (4, 0.20, ["IT", "HR", "information"], ["No one told the ward the drug round software changed",
                                             "New starter had no login on their first shift"]),
    (5, 0.13, ["HR", "estates"], ["Ward told 'that is not how we do things' when asking for a rota change",
                                   "Requests from wards treated as complaints"]),
    (6, 0.09, ["procurement", "facilities"], ["Contracted cleaners' hours do not cover the evening",
                                              "Linen supplier contract limits deliveries to weekdays"]),
]


def seed(desk, today_utc):
    rng = random.Random(802)
    now = today_utc
    current = now.astimezone(desk_store.UK).date().replace(day=1)
    months = []
    month = current
    for _ in range(MONTHS):
        months.append(month)
        month = (month - dt.timedelta(days=1)).replace(day=1)
    months.reverse()

    # Spread exactly 802 issues over the 19 months, the current one by the share of it elapsed.
    elapsed = (now.astimezone(desk_store.UK).date() - current).days / 31.0
    weights = [1.0 + 0.02 * i for i in range(MONTHS - 1)] + [max(elapsed, 0.02) * (1.0 + 0.02 * (MONTHS - 1))]
    shares = [ISSUES * w / sum(weights) for w in weights]
    counts = [int(share) for share in shares]
    # Largest remainders get the leftover issues, so no month carries them all.
    for i in sorted(range(MONTHS), key=lambda i: shares[i] - counts[i], reverse=True)[:ISSUES - sum(counts)]:
        counts[i] += 1

    def fill(insert):
        number = 0
        for first_day, count in zip(months, counts):
            next_month = (first_day + dt.timedelta(days=32)).replace(day=1)
            span = (min(next_month, now.astimezone(desk_store.UK).date()) - first_day).days
            for _ in range(count):
                number += 1
                local = dt.datetime.combine(first_day + dt.timedelta(days=rng.randrange(max(span, 1))),
                                            dt.time(rng.randrange(7, 20), rng.randrange(60)), tzinfo=desk_store.UK)
                raised = min(local.astimezone(dt.timezone.utc), now - dt.timedelta(hours=1))
                category, _, services, examples = rng.choices(CATEGORIES, weights=[c[1] for c in CATEGORIES])[0]
                took = dt.timedelta(days=rng.expovariate(1 / 9.0), hours=rng.randrange(1, 8))
                resolved = raised + took if raised + took < now and rng.random() < 0.94 else None
                insert("CD-%05d" % number, rng.choice(WARDS), rng.choice(SISTERS), raised, category, rng.choice(services),
                       rng.choice(examples), resolved, "Sorted with the service lead; process changed" if resolved else "")

    return desk.seed(fill)
