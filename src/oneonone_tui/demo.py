"""A deterministic, lived-in history for `oneonone demo`: weeks of 1:1s for a whole team.

Same team, seed and end week → the same history, byte for byte: one `random.Random(seed)` drives
every choice and nothing reads the clock. The history is shaped so every part of the method shows
up: gaps with how-come answers and diagnoses, commitments confirmed the next week, one rep sliding
into a performance improvement process, one rep on a long kept streak, the rest mostly kept.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable, Iterable
from dataclasses import field, replace
from datetime import date, datetime, time, timedelta
from typing import Protocol

from oneonone_tui.domain import one_on_one, progression
from oneonone_tui.domain._record import record
from oneonone_tui.domain.escalation import miss_weight
from oneonone_tui.domain.records import (
    Commitment,
    Diagnosis,
    MetricEntry,
    Owner,
    Review,
    Session,
    SessionState,
    Verdict,
)
from oneonone_tui.domain.team import Direction, Metric, Period, Rep, Stage, Team
from oneonone_tui.domain.weeks import is_week, monday_of, shift, week_of


class WeekWriter(Protocol):
    def save_week(self, week: str, sessions: Iterable[Session]) -> None: ...


def last_complete_week(today: date) -> str:
    """The ISO week before today's: today's week is still being lived, even on a Sunday."""
    return shift(week_of(today), -1)


# ----- the words ---------------------------------------------------------------------------------

FIRST_NAMES = [
    "Maya", "Daniel", "Priya", "Marcus", "Sofia", "Ethan", "Aisha", "Lucas", "Hannah", "Diego",
    "Grace", "Omar", "Chloe", "Kenji", "Fatima", "Liam", "Rosa", "Noah", "Imani", "Tomás",
    "Elena", "Samir", "Olivia", "Jamal", "Mei", "Patrick", "Leila", "Ryan", "Ana", "Victor",
]
LAST_NAMES = [
    "Okafor", "Lindqvist", "Raman", "Bennett", "Castillo", "Nguyen", "Haddad", "Moreau", "Fischer",
    "Alvarez", "Brooks", "Kowalski", "Tanaka", "Osei", "Murphy", "Rossi", "Adeyemi", "Carter",
    "Silva", "Park", "Novak", "Hughes", "Mensah", "Reyes", "Sato", "Walsh", "Iyer", "Dubois",
]
ROLES = ["Account Executive", "Account Executive", "Senior Account Executive", "SDR", "Account Manager"]

ACCOUNTS = [
    "Acme Logistics", "Northwind", "Brightline Dental", "Summit Health", "Pinecrest Schools",
    "Redwood Credit Union", "Bluewater Marine", "Cobalt Analytics", "Meridian Foods", "Halcyon Labs",
    "Granite Builders", "Lakeside Clinics", "Orbit Freight", "Juniper Legal", "Sterling Hotels",
]

EFFORT_ANSWERS = [
    "Honestly, the renewal paperwork ate Tuesday and Wednesday.",
    "I didn't block the time. The calls kept sliding to the afternoon and then didn't happen.",
    "Out two days with the flu.",
    "Got pulled into the trade show prep for most of the week.",
    "Spent too long polishing the big proposal and the rest slipped.",
    "Inbox and internal meetings — I was reacting all week.",
    "I was covering accounts for someone on leave.",
    "Friday went on expense reports and CRM clean-up.",
    "I front-loaded the week with admin and ran out of days.",
    "Honestly, I lost focus after the big deal closed.",
]
# Skill answers fit the part of the funnel that is short: a rep short on calls does not blame pricing.
EFFECTIVENESS_ANSWERS = {
    Stage.RESULTS: [
        ("I'm getting conversations but they stall at pricing.", "objection handling"),
        ("I keep losing to the cheaper option at the end.", "value selling"),
        ("Two deals are stuck with legal and I never asked for a date.", "closing"),
        ("I get the champion on board and then can't reach the budget holder.", "multi-threading"),
        ("They liked the proposal, then went quiet when I asked for the order.", "closing"),
    ],
    Stage.PIPELINE: [
        ("My list was mostly small shops under our minimum.", "prospect targeting"),
        ("They take the first call, then go quiet after the demo.", "discovery"),
        ("They say it's interesting, but nobody owns the problem.", "qualification"),
        ("First meetings turn into a product tour; I'm not finding the pain.", "discovery"),
        ("Deals sit in proposal because I never agreed a next step.", "next-step setting"),
    ],
    Stage.ACTIVITY: [
        ("I can't get past the front desk at most of the practices.", "cold-call openers"),
        ("The emails get opened but nobody replies.", "prospecting messaging"),
        ("People hang up in the first ten seconds.", "cold-call openers"),
        ("I book the meeting, then lose a day writing the follow-up.", "follow-up templates"),
    ],
}
EXTERNAL_ANSWERS = [
    "Two of my biggest accounts moved to the enterprise team in the realignment.",
    "Budget freeze across the healthcare accounts until January.",
    "The new price list came out mid-month and everyone paused.",
    "Half my territory is schools and they're closed for the holidays.",
    "Marketing stopped the webinar series, and that was most of my inbound.",
    "The target went up 30% but the territory shrank.",
    "We can't promise delivery dates this month, so buyers are waiting.",
]

# (text, stage, has a number): the rep's words, the way they get typed in the meeting.
REP_COMMITMENTS = {
    Stage.RESULTS: [
        ("get the {acct} order form signed", False),
        ("close the {acct} renewal", False),
        ("walk {acct} through the revised pricing and ask for the signature", False),
        ("get {acct} to a yes or no on the pilot", False),
        ("send final paperwork to {n} deals waiting on signature", True),
    ],
    Stage.PIPELINE: [
        ("re-engage {n} stalled opps", True),
        ("book {n} discovery calls with the Q{q} list", True),
        ("qualify the {n} inbound leads from the webinar", True),
        ("move {n} opps from discovery to proposal", True),
        ("send {n} proposals", True),
        ("put a next step and close date on every {acct} opp", False),
    ],
    Stage.ACTIVITY: [
        ("make {n} prospecting calls before noon each day", True),
        ("block two hours every morning for prospecting", False),
        ("follow up within 24h on every meeting", False),
        ("book {n} meetings from the referral list", True),
        ("send {n} personal emails to the Q{q} target accounts", True),
    ],
}
MANAGER_COMMITMENTS = [
    "send pricing approval by {day}",
    "intro to the {acct} CFO",
    "get marketing to resend the webinar list",
    "join the {acct} call as exec sponsor",
    "ride along on the {acct} demo",
    "sort out the territory split with ops",
    "get legal to turn the {acct} redlines by {day}",
]

KEPT_OUTCOMES = [
    "Done.", "Done on {day}.", "Done, and two of them turned into meetings.", "Done; notes are in the CRM.",
    "Done — signed copy is in the folder.", "Done early.",
]
KEPT_NUMBER_OUTCOMES = ["All {n} done.", "{n} of {n}, done by {day}.", "Did {n}; one already booked a demo."]
PARTLY_OUTCOMES = [
    "Started, not finished — ran out of week.", "Half done; waiting on the customer for the rest.",
    "Had the call, no decision yet.", "Drafted it, didn't send it.",
]
PARTLY_NUMBER_OUTCOMES = ["{k} of {n} done; the rest moved to next week.", "Got through {k} of {n}."]
NOT_KEPT_OUTCOMES = [
    "Didn't get to it — QBR prep ate the week.", "Slipped; no time was blocked for it.",
    "Not done. Out sick Wednesday and Thursday.", "Forgot about it until this morning.",
    "Not done; the customer went dark and I didn't chase.", "Not done. No good reason.",
]

SHARED_NOTES = [
    "Good week. Keep the Q{q} list moving.",
    "Agreed: the two biggest opps come before anything else this week.",
    "Talked through the {acct} deal — multi-thread it, the champion alone won't get it signed.",
    "Next 1:1: go through the stalled opps together, one by one.",
    "The {acct} win gets a shout-out at the team huddle.",
    "Pipeline review moved to Thursday because of the offsite.",
]
PRIVATE_NOTES = [
    "Seems stretched — ask about workload next week.",
    "Strong discovery lately; ready for bigger accounts?",
    "Check the CRM close dates before the next 1:1.",
    "Candidate for mentoring the new SDRs.",
    "Quiet today. Check in informally on Thursday.",
]
SLIDE_NOTES = [
    "Missed again — tighter follow-up: a check-in on Wednesday.",
    "Same commitments slipping. Went through the consequences we agreed in advance.",
    "Third week running. Performance improvement process next, as the rules say; write it up.",
]


# ----- the people --------------------------------------------------------------------------------


@record()
class _Profile:
    """How one rep's history goes: level, drift, and the part they play in the story."""

    rep: Rep
    base: float  # 1.0 sells exactly to target
    trend: float  # change in level per year
    weekday: int  # the 1:1 slot: 0 Monday .. 3 Thursday
    hour: int
    kept: float = 0.88
    partly: float = 0.08
    part: str = "steady"  # "steady", "slider" (into a PIP at the end), "streak" (kept for weeks)
    totals: dict[str, tuple[tuple[int, int], float, float]] = field(default_factory=dict)
    misses: list[float] = field(default_factory=list)  # miss weight per 1:1, oldest first
    previous: Session | None = None


def _team_with_reps(team: Team, reps: int | None, rng: random.Random) -> Team:
    """The team the demo uses: the file's reps, cut to `reps` or filled up with generated ones."""
    if reps is None or reps == len(team.reps):
        return team
    if reps < 1:
        raise ValueError(f"reps must be at least 1, not {reps}")
    if reps < len(team.reps):
        return replace(team, reps=tuple(team.reps[:reps]))
    taken_ids = {r.id for r in team.reps}
    taken_names = {r.name for r in team.reps}
    names = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(names)
    # One first name per rep while they last: two Mayas on one team reads like a bug.
    used_first = {name.split()[0] for name in taken_names}
    names.sort(key=lambda n: n.split()[0] in used_first)
    added: list[Rep] = []
    number = len(team.reps)
    for name in names:
        if len(team.reps) + len(added) >= reps:
            break
        first = name.split()[0]
        if name in taken_names or (first in used_first and len(used_first) < len(FIRST_NAMES)):
            continue
        number += 1
        while f"rep-{number:02d}" in taken_ids:
            number += 1
        rep_id = f"rep-{number:02d}"
        taken_ids.add(rep_id)
        taken_names.add(name)
        used_first.add(first)
        added.append(Rep(id=rep_id, name=name, role=rng.choice(ROLES)))
    while len(team.reps) + len(added) < reps:  # more reps than names: number the rest
        number += 1
        while f"rep-{number:02d}" in taken_ids:
            number += 1
        taken_ids.add(f"rep-{number:02d}")
        added.append(Rep(id=f"rep-{number:02d}", name=f"Rep {number}", role=rng.choice(ROLES)))
    return replace(team, reps=tuple(team.reps) + tuple(added))


def _profiles(team: Team, rng: random.Random) -> list[_Profile]:
    profiles = []
    for rep in team.reps:
        profiles.append(_Profile(
            rep=rep,
            base=min(1.12, max(0.86, rng.gauss(1.0, 0.07))),
            trend=rng.gauss(0.0, 0.04),
            weekday=rng.randrange(4),
            hour=rng.choice([9, 10, 11, 13, 14, 15, 16]),
        ))
    picks = rng.sample(range(len(profiles)), min(2, len(profiles)))
    slider = profiles[picks[0]]
    slider.part, slider.base, slider.trend = "slider", max(slider.base, 1.0), 0.0
    if len(picks) > 1:
        streak = profiles[picks[1]]
        streak.part, streak.base, streak.kept, streak.partly = "streak", 1.1, 0.93, 0.05
    return profiles


# ----- the numbers -------------------------------------------------------------------------------


def _period_key(metric: Metric, week: str, held: date | None = None) -> tuple[int, int]:
    day = progression.counted_to(week, held)  # the period "to date" is counted in
    if metric.period is Period.MONTH:
        return day.year, day.month
    return day.year, (day.month - 1) // 3


def _rounded(metric: Metric, value: float, full_target: float) -> float:
    unit = metric.unit.strip()
    if unit == "%":
        return float(min(100, max(0, round(value))))
    if progression.money_prefix(unit) is not None:
        step = 100 if full_target >= 1000 else 1  # money: $38,500, not $38,517.23
        return float(max(0, round(value / step) * step))
    if full_target == int(full_target):
        return float(max(0, round(value)))
    return max(0.0, round(value, 1))


_NOISE = {Stage.RESULTS: 0.2, Stage.PIPELINE: 0.13, Stage.ACTIVITY: 0.1}


def _actual(team: Team, profile: _Profile, metric: Metric, week: str, level: float, rng: random.Random,
            held: date | None = None) -> float:
    full = team.target_for(profile.rep, metric)
    factor = max(0.05, level * rng.gauss(1.0, _NOISE[metric.stage]))
    if not metric.cumulative:
        factor = max(0.05, 1 + (factor - 1) * 0.5)  # levels move less than counts do
        value = full / factor if metric.direction is Direction.LOWER else full * factor
        return _rounded(metric, value, full)
    if metric.direction is Direction.LOWER:
        factor = 1 / factor
    if metric.period is Period.WEEK:
        return _rounded(metric, full * factor, full)
    # Month and quarter actuals are totals so far: each week adds its share of the target, sold at
    # this week's pace, so the numbers climb through the period the way a CRM report does.
    fraction = progression.period_fraction(metric.period, week, held)  # to the day the 1:1 is held
    key = _period_key(metric, week, held)
    last_key, total, last_fraction = profile.totals.get(metric.id, (key, 0.0, 0.0))
    if last_key != key:
        total, last_fraction = 0.0, 0.0
    total += full * max(0.0, fraction - last_fraction) * factor
    profile.totals[metric.id] = (key, total, fraction)
    return _rounded(metric, total, full)


def _level(profile: _Profile, index: int, weeks: int, slide: int) -> float:
    level = profile.base + profile.trend * (index - weeks) / 52
    if profile.part == "slider" and index >= weeks - slide:
        level *= 1 - 0.35 * (index - (weeks - slide) + 1) / slide
    return max(0.3, level)


# ----- one 1:1 -----------------------------------------------------------------------------------


def _words(text: str) -> set[str]:
    return {word.rstrip("s") for word in re.findall(r"[a-z]+", text.lower()) if len(word) >= 4}


def _fill(template: str, rng: random.Random, *, n: int | None = None, k: int | None = None,
          day: str = "", q: int = 1) -> str:
    return template.format(acct=rng.choice(ACCOUNTS), n=n, k=k, day=day, q=q)


def _diagnose(stage: Stage, rng: random.Random, sliding: bool) -> tuple[str, Diagnosis, str]:
    roll = rng.random()
    if sliding:
        roll *= 0.6  # sliding reps mostly say it was the time they did not put in
    if roll < 0.45:
        return rng.choice(EFFORT_ANSWERS), Diagnosis.EFFORT, ""
    if roll < 0.85:
        answer, skill = rng.choice(EFFECTIVENESS_ANSWERS[stage])
        return answer, Diagnosis.EFFECTIVENESS, skill
    return rng.choice(EXTERNAL_ANSWERS), Diagnosis.EXTERNAL, ""


def _entries(team: Team, profile: _Profile, week: str, level: float, rng: random.Random,
             sliding: bool, held: date | None = None) -> tuple[dict[str, MetricEntry], list[progression.Standing], bool]:
    entries: dict[str, MetricEntry] = {}
    short: list[progression.Standing] = []
    by_stage: dict[Stage, list[progression.Standing]] = {}
    activity_opened = False
    for stage in Stage:
        recorded = True
        if stage is Stage.ACTIVITY:
            folded = progression.activity_folded(by_stage[Stage.RESULTS], by_stage[Stage.PIPELINE])
            # The method leaves activity to the rep when results and pipeline are on target; a
            # manager opens it anyway now and then, and the demo shows that happening too.
            activity_opened = folded and rng.random() < 0.05
            recorded = not folded or activity_opened
        by_stage[stage] = []
        for metric in team.metrics_in(stage):
            # Worked out even when nobody looks, so a month's running total stays a running total.
            actual = _actual(team, profile, metric, week, level, rng, held)
            if not recorded:
                continue
            s = progression.standing(team, profile.rep, metric, actual, week, held)
            by_stage[stage].append(s)
            entry = MetricEntry(metric_id=metric.id, actual=actual)
            if s.on_target is False:
                entry.answer, entry.diagnosis, entry.skill = _diagnose(stage, rng, sliding)
                short.append(s)
            entries[metric.id] = entry
    return entries, short, activity_opened


def _commitments(team: Team, profile: _Profile, week: str, held: date, short: list[progression.Standing],
                 entries: dict[str, MetricEntry], rng: random.Random) -> list[Commitment]:
    friday = monday_of(week) + timedelta(days=4)
    quarter = (held.month - 1) // 3 + 1
    count = rng.choice([1, 2, 2, 2, 3, 3])
    made: list[Commitment] = []
    for index in range(count):
        due = held + timedelta(days=rng.randint(1, max(1, (friday - held).days)))
        defaulted = rng.random() < 0.08
        if defaulted:
            due = one_on_one.next_one_on_one(held)  # nothing typed after the words: due at the next 1:1
        owner = Owner.REP if index == 0 or rng.random() < 0.75 else Owner.MANAGER
        metric_id = stage = None
        number: float | None = None
        if owner is Owner.MANAGER:
            text = _fill(rng.choice(MANAGER_COMMITMENTS), rng, day=due.strftime("%A"))
        else:
            focus = short[index] if index < len(short) else None
            coached = focus is not None and entries[focus.metric.id].diagnosis is Diagnosis.EFFECTIVENESS
            if coached and rng.random() < 0.5:
                skill = entries[focus.metric.id].skill
                text = f"role-play {skill} with {team.manager.split()[0]} before {due.strftime('%A')}"
                metric_id, stage = focus.metric.id, focus.metric.stage.value
            else:
                chosen = focus.metric.stage if focus else rng.choice([Stage.PIPELINE, Stage.PIPELINE, Stage.RESULTS])
                options = REP_COMMITMENTS[chosen]
                # A commitment is tagged with the short metric only when its words are about it:
                # "send 3 proposals" answers "Proposals sent", not "Sales cycle".
                about = [o for o in options if focus and _words(o[0]) & _words(focus.metric.label)]
                template, has_number = rng.choice(about or options)
                n = rng.randint(2, 8) if has_number else None
                if n is not None and "calls" in template:
                    n *= 5
                text = _fill(template, rng, n=n, q=quarter)
                number = float(n) if n is not None else None
                stage = chosen.value
                metric_id = focus.metric.id if about else None
        made.append(Commitment(
            id=f"{profile.rep.id}-{week}-{index + 1}", text=text, owner=owner, due=due, due_defaulted=defaulted,
            number=number, metric_id=metric_id, stage=stage, made_week=week,
        ))
    return made


def _verdicts(profile: _Profile, to_review: list[Commitment], index: int, weeks: int, plan: dict,
              rng: random.Random) -> dict[str, Verdict]:
    verdicts: dict[str, Verdict] = {}
    rep_owned = [c for c in to_review if c.owner is Owner.REP]
    for commitment in to_review:
        if commitment.owner is Owner.MANAGER:
            roll = rng.random()
            verdict = Verdict.KEPT if roll < 0.85 else Verdict.PARTLY if roll < 0.95 else Verdict.NOT_KEPT
            verdicts[commitment.id] = verdict
    from_end = weeks - 1 - index
    if profile.part == "slider" and from_end < plan["miss_run"]:
        # The slide: more of the rep's commitments missed each week, until all of them are.
        step = plan["miss_run"] - from_end
        missed = max(1, math.ceil(len(rep_owned) * step / plan["miss_run"]))
        for position, commitment in enumerate(rep_owned):
            verdicts[commitment.id] = Verdict.NOT_KEPT if position < missed else Verdict.PARTLY
        return verdicts
    if profile.part == "slider" and from_end < plan["miss_run"] + plan["wobble"]:
        for position, commitment in enumerate(rep_owned):
            verdicts[commitment.id] = Verdict.PARTLY if position == 0 else Verdict.KEPT
        return verdicts
    if profile.part == "streak" and from_end < plan["streak"]:
        for commitment in rep_owned:
            verdicts[commitment.id] = Verdict.KEPT
        return verdicts
    for commitment in rep_owned:
        roll = rng.random()
        if roll < profile.kept:
            verdicts[commitment.id] = Verdict.KEPT
        elif roll < profile.kept + profile.partly:
            verdicts[commitment.id] = Verdict.PARTLY
        else:
            verdicts[commitment.id] = Verdict.NOT_KEPT
    # The rules are the same for everyone, so only the slider is allowed to reach them: a steady
    # rep's bad week that would tip them into a PIP is turned into a kept one.
    window = profile.misses[-(plan["window"] - 1):] if plan["window"] > 1 else []
    weight = 1.0 if Verdict.NOT_KEPT in (verdicts[c.id] for c in rep_owned) else (
        0.5 if Verdict.PARTLY in (verdicts[c.id] for c in rep_owned) else 0.0)
    if sum(window) + weight >= plan["pip"]:
        for commitment in rep_owned:
            verdicts[commitment.id] = Verdict.KEPT
    return verdicts


def _outcome(commitment: Commitment, verdict: Verdict, rng: random.Random) -> str:
    day = (commitment.due - timedelta(days=rng.randint(0, 1))).strftime("%A")
    n = int(commitment.number) if commitment.number else None
    if verdict is Verdict.KEPT:
        if n and rng.random() < 0.5:
            return _fill(rng.choice(KEPT_NUMBER_OUTCOMES), rng, n=n, day=day)
        return _fill(rng.choice(KEPT_OUTCOMES), rng, day=day)
    if verdict is Verdict.PARTLY:
        if n and n > 1 and rng.random() < 0.6:
            return _fill(rng.choice(PARTLY_NUMBER_OUTCOMES), rng, n=n, k=rng.randint(1, n - 1))
        return rng.choice(PARTLY_OUTCOMES)
    return rng.choice(NOT_KEPT_OUTCOMES)


def _session(team: Team, profile: _Profile, week: str, index: int, weeks: int, plan: dict,
             rng: random.Random) -> Session:
    slot = profile.weekday
    if rng.random() < 0.1:
        slot = min(3, max(0, slot + rng.choice([-1, 1])))  # the 1:1 moved a day this week
    held = monday_of(week) + timedelta(days=slot)
    started = datetime.combine(held, time(profile.hour, rng.choice([0, 0, 0, 30]))) + timedelta(
        minutes=rng.randint(0, 4))
    seconds = int(team.timebox_minutes * 60 * rng.uniform(0.75, 1.15))
    sliding = profile.part == "slider" and index >= weeks - plan["slide"]

    level = _level(profile, index, weeks, plan["slide"])
    entries, short, activity_opened = _entries(team, profile, week, level, rng, sliding, held)
    to_review = one_on_one.carried_over(profile.previous)
    verdicts = _verdicts(profile, to_review, index, weeks, plan, rng)
    reviews = {c.id: Review(commitment_id=c.id, verdict=verdicts[c.id], outcome=_outcome(c, verdicts[c.id], rng))
               for c in to_review}
    commitments = _commitments(team, profile, week, held, short, entries, rng)

    quarter = (held.month - 1) // 3 + 1
    shared = _fill(rng.choice(SHARED_NOTES), rng, q=quarter) if rng.random() < 0.3 else ""
    private = rng.choice(PRIVATE_NOTES) if rng.random() < 0.12 else ""
    from_end = weeks - 1 - index
    if profile.part == "slider" and from_end < len(SLIDE_NOTES) and from_end < plan["miss_run"]:
        private = SLIDE_NOTES[len(SLIDE_NOTES) - 1 - from_end]

    session = Session(
        rep_id=profile.rep.id, week=week, state=SessionState.DONE, entries=entries, commitments=commitments,
        to_review=to_review, reviews=reviews, shared_notes=shared, private_notes=private,
        started_at=started, finished_at=started + timedelta(seconds=seconds), seconds_spent=seconds,
        activity_opened=activity_opened,
    )
    profile.misses.append(miss_weight(session))
    profile.previous = session
    return session


# ----- the whole history -------------------------------------------------------------------------


def generate(team: Team, store: WeekWriter, *, weeks: int, reps: int | None, seed: int, until_week: str,
             progress: Callable[[int, int], None] | None = None) -> Team:
    """Write `weeks` weeks of 1:1s ending with `until_week`, one per rep per week; return the team used.

    `reps` cuts the team file's reps down or fills them up with generated ones (`rep-09`, ...);
    None keeps the team file's reps as they are.
    """
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, not {weeks}")
    if not is_week(until_week):
        raise ValueError(f"not an ISO week: {until_week!r} (expected e.g. 2026-W48)")
    rng = random.Random(seed)
    used = _team_with_reps(team, reps, rng)
    profiles = _profiles(used, rng)
    rules = used.escalation
    # The slider's last `miss_run` 1:1s each hold a not-kept commitment: enough to reach the PIP
    # threshold inside the window, and the first reviews can only come in the second week.
    miss_run = max(0, min(weeks - 1, rules.window_weeks, rules.pip_after_misses))
    plan = {
        "miss_run": miss_run,
        "wobble": 2,  # partly kept weeks before the misses start: the slide is visible early
        "slide": max(1, min(weeks, miss_run + 3)),
        "streak": min(weeks, 26),  # half a year of kept commitments
        "window": rules.window_weeks,
        "pip": rules.pip_after_misses,
    }
    first = shift(until_week, -(weeks - 1))
    for index in range(weeks):
        week = shift(first, index)
        sessions = [_session(used, profile, week, index, weeks, plan, rng) for profile in profiles]
        store.save_week(week, sessions)
        if progress is not None:
            progress(index + 1, weeks)
    return used
