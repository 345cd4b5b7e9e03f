"""Written by `python -m oneonone_tui.domain._record`: the `__init__` of every @record class of the
package, compiled with it (`_record.py` says why). Do not edit; write it again when a record
class changes (tests/unit/test_record.py says when)."""

# fmt: off

def _0(D, M, F, S):
    def __init__(self, *, coaching_after_misses=D[0], pip_after_misses=D[1], window_weeks=D[2], followup_after_misses=D[3]):
        S(self, 'coaching_after_misses', coaching_after_misses)
        S(self, 'pip_after_misses', pip_after_misses)
        S(self, 'window_weeks', window_weeks)
        S(self, 'followup_after_misses', followup_after_misses)
    return __init__


def _1(D, M, F, S):
    def __init__(self, *, commitment_id, verdict=D[1], outcome=D[2], achieved=D[3], answer=D[4], diagnosis=D[5], carried_to=D[6]):
        self.commitment_id = commitment_id
        self.verdict = verdict
        self.outcome = outcome
        self.achieved = achieved
        self.answer = answer
        self.diagnosis = diagnosis
        self.carried_to = carried_to
    return __init__


def _2(D, M, F, S):
    def __init__(self, *, id, label, stage, indicator, unit=D[4], period=D[5], target, direction=D[7]):
        S(self, 'id', id)
        S(self, 'label', label)
        S(self, 'stage', stage)
        S(self, 'indicator', indicator)
        S(self, 'unit', unit)
        S(self, 'period', period)
        S(self, 'target', target)
        S(self, 'direction', direction)
    return __init__


def _3(D, M, F, S):
    def __init__(self, *, id, name, role=D[2], targets=F):
        S(self, 'id', id)
        S(self, 'name', name)
        S(self, 'role', role)
        S(self, 'targets', M[3]() if targets is F else targets)
    return __init__


def _4(D, M, F, S):
    def __init__(self, *, id, text, owner=D[2], due, due_defaulted=D[4], number=D[5], metric_id=D[6], stage=D[7], made_week):
        S(self, 'id', id)
        S(self, 'text', text)
        S(self, 'owner', owner)
        S(self, 'due', due)
        S(self, 'due_defaulted', due_defaulted)
        S(self, 'number', number)
        S(self, 'metric_id', metric_id)
        S(self, 'stage', stage)
        S(self, 'made_week', made_week)
    return __init__


def _5(D, M, F, S):
    def __init__(self, *, kind, rep_id, about=D[2], week, logged_at, text):
        S(self, 'kind', kind)
        S(self, 'rep_id', rep_id)
        S(self, 'about', about)
        S(self, 'week', week)
        S(self, 'logged_at', logged_at)
        S(self, 'text', text)
    return __init__


def _6(D, M, F, S):
    def __init__(self, *, metric_id, actual=D[1], answer=D[2], diagnosis=D[3], skill=D[4]):
        self.metric_id = metric_id
        self.actual = actual
        self.answer = answer
        self.diagnosis = diagnosis
        self.skill = skill
    return __init__


def _7(D, M, F, S):
    def __init__(self, *, name, manager, timebox_minutes=D[2], escalation=F, metrics, reps, crm_columns=F, crm_deals=D[7]):
        S(self, 'name', name)
        S(self, 'manager', manager)
        S(self, 'timebox_minutes', timebox_minutes)
        S(self, 'escalation', M[3]() if escalation is F else escalation)
        S(self, 'metrics', metrics)
        S(self, 'reps', reps)
        S(self, 'crm_columns', M[6]() if crm_columns is F else crm_columns)
        S(self, 'crm_deals', crm_deals)
    return __init__


def _8(D, M, F, S):
    def __init__(self, *, owner=D[0], amount=D[1], close_date=D[2], stage=D[3], won_stages=D[4], deal_id=D[5], pipeline=D[6], pipelines=D[7], amount_metric=D[8], count_metric=D[9]):
        S(self, 'owner', owner)
        S(self, 'amount', amount)
        S(self, 'close_date', close_date)
        S(self, 'stage', stage)
        S(self, 'won_stages', won_stages)
        S(self, 'deal_id', deal_id)
        S(self, 'pipeline', pipeline)
        S(self, 'pipelines', pipelines)
        S(self, 'amount_metric', amount_metric)
        S(self, 'count_metric', count_metric)
    return __init__


def _9(D, M, F, S):
    def __init__(self, *, rep_id, week, state=D[2], entries=F, commitments=F, to_review=F, reviews=F, shared_notes=D[7], private_notes=D[8], started_at=D[9], finished_at=D[10], seconds_spent=D[11], activity_opened=D[12], level_override=D[13], override_reason=D[14]):
        self.rep_id = rep_id
        self.week = week
        self.state = state
        self.entries = M[3]() if entries is F else entries
        self.commitments = M[4]() if commitments is F else commitments
        self.to_review = M[5]() if to_review is F else to_review
        self.reviews = M[6]() if reviews is F else reviews
        self.shared_notes = shared_notes
        self.private_notes = private_notes
        self.started_at = started_at
        self.finished_at = finished_at
        self.seconds_spent = seconds_spent
        self.activity_opened = activity_opened
        self.level_override = level_override
        self.override_reason = override_reason
    return __init__


def _10(D, M, F, S):
    def __init__(self, db, reason):
        S(self, 'db', db)
        S(self, 'reason', reason)
    return __init__


def _11(D, M, F, S):
    def __init__(self, done, due):
        S(self, 'done', done)
        S(self, 'due', due)
    return __init__


def _12(D, M, F, S):
    def __init__(self, file, where, message, line=D[3]):
        S(self, 'file', file)
        S(self, 'where', where)
        S(self, 'message', message)
        S(self, 'line', line)
    return __init__


def _13(D, M, F, S):
    def __init__(self, kept, due):
        S(self, 'kept', kept)
        S(self, 'due', due)
    return __init__


def _14(D, M, F, S):
    def __init__(self, kind, text, rep_id=D[2]):
        S(self, 'kind', kind)
        S(self, 'text', text)
        S(self, 'rep_id', rep_id)
    return __init__


def _15(D, M, F, S):
    def __init__(self, level, missed_weeks, kept_streak, reason, recognition=D[4], moved_by=D[5], next_step=D[6], computed=D[7], override_reason=D[8]):
        S(self, 'level', level)
        S(self, 'missed_weeks', missed_weeks)
        S(self, 'kept_streak', kept_streak)
        S(self, 'reason', reason)
        S(self, 'recognition', recognition)
        S(self, 'moved_by', moved_by)
        S(self, 'next_step', next_step)
        S(self, 'computed', computed)
        S(self, 'override_reason', override_reason)
    return __init__


def _16(D, M, F, S):
    def __init__(self, line, column, message):
        S(self, 'line', line)
        S(self, 'column', column)
        S(self, 'message', message)
    return __init__


def _17(D, M, F, S):
    def __init__(self, lines, sparks, rate_4, rate_12, diagnosis_mix, recognition=D[5]):
        S(self, 'lines', lines)
        S(self, 'sparks', sparks)
        S(self, 'rate_4', rate_4)
        S(self, 'rate_12', rate_12)
        S(self, 'diagnosis_mix', diagnosis_mix)
        S(self, 'recognition', recognition)
    return __init__


def _18(D, M, F, S):
    def __init__(self, metric, full_target, target, actual, period_fraction, day=D[5]):
        S(self, 'metric', metric)
        S(self, 'full_target', full_target)
        S(self, 'target', target)
        S(self, 'actual', actual)
        S(self, 'period_fraction', period_fraction)
        S(self, 'day', day)
    return __init__


def _19(D, M, F, S):
    def __init__(self, rep, base, trend, weekday, hour, kept=D[5], partly=D[6], part=D[7], totals=F, misses=F, previous=D[10]):
        self.rep = rep
        self.base = base
        self.trend = trend
        self.weekday = weekday
        self.hour = hour
        self.kept = kept
        self.partly = partly
        self.part = part
        self.totals = M[8]() if totals is F else totals
        self.misses = M[9]() if misses is F else misses
        self.previous = previous
    return __init__


def _20(D, M, F, S):
    def __init__(self, rep, session, previous, attainment, last_attainment, owed, escalation, follow_through=D[7], follow_trend=D[8], last_done=D[9], past=D[10], departed=D[11], known=D[12]):
        S(self, 'rep', rep)
        S(self, 'session', session)
        S(self, 'previous', previous)
        S(self, 'attainment', attainment)
        S(self, 'last_attainment', last_attainment)
        S(self, 'owed', owed)
        S(self, 'escalation', escalation)
        S(self, 'follow_through', follow_through)
        S(self, 'follow_trend', follow_trend)
        S(self, 'last_done', last_done)
        S(self, 'past', past)
        S(self, 'departed', departed)
        S(self, 'known', known)
    return __init__


def _21(D, M, F, S):
    def __init__(self, rep_id, commitment, due, steps=D[3]):
        S(self, 'rep_id', rep_id)
        S(self, 'commitment', commitment)
        S(self, 'due', due)
        S(self, 'steps', steps)
    return __init__


def _22(D, M, F, S):
    def __init__(self, rep_id, metric_id, old, new, change):
        S(self, 'rep_id', rep_id)
        S(self, 'metric_id', metric_id)
        S(self, 'old', old)
        S(self, 'new', new)
        S(self, 'change', change)
    return __init__


def _23(D, M, F, S):
    def __init__(self, session, first, last, not_before=D[3], urgent=D[4]):
        self.session = session
        self.first = first
        self.last = last
        self.not_before = not_before
        self.urgent = urgent
    return __init__


def _24(D, M, F, S):
    def __init__(self, shape, header_line, owner_column, crm_columns, crm_deals, header_index=D[5]):
        S(self, 'shape', shape)
        S(self, 'header_line', header_line)
        S(self, 'owner_column', owner_column)
        S(self, 'crm_columns', crm_columns)
        S(self, 'crm_deals', crm_deals)
        S(self, 'header_index', header_index)
    return __init__


def _25(D, M, F, S):
    def __init__(self, shape, header_line, values=F, rows=D[3]):
        self.shape = shape
        self.header_line = header_line
        self.values = M[2]() if values is F else values
        self.rows = rows
    return __init__


def _26(D, M, F, S):
    def __init__(self, team, manager, week, weeks, reps, held_this_week, held_recent, held_period, full_weeks, results, results_trend, follow_through_reps, follow_through_manager, diagnoses, levels, activities, signals=D[16]):
        S(self, 'team', team)
        S(self, 'manager', manager)
        S(self, 'week', week)
        S(self, 'weeks', weeks)
        S(self, 'reps', reps)
        S(self, 'held_this_week', held_this_week)
        S(self, 'held_recent', held_recent)
        S(self, 'held_period', held_period)
        S(self, 'full_weeks', full_weeks)
        S(self, 'results', results)
        S(self, 'results_trend', results_trend)
        S(self, 'follow_through_reps', follow_through_reps)
        S(self, 'follow_through_manager', follow_through_manager)
        S(self, 'diagnoses', diagnoses)
        S(self, 'levels', levels)
        S(self, 'activities', activities)
        S(self, 'signals', signals)
    return __init__


def _27(D, M, F, S):
    def __init__(self, team, sessions, later=D[2]):
        S(self, 'team', team)
        S(self, 'sessions', sessions)
        S(self, 'later', later)
    return __init__


def _28(D, M, F, S):
    def __init__(self, team, week, rows, departed=F, glance=D[4]):
        S(self, 'team', team)
        S(self, 'week', week)
        S(self, 'rows', rows)
        S(self, 'departed', M[3]() if departed is F else departed)
        S(self, 'glance', glance)
    return __init__


def _29(D, M, F, S):
    def __init__(self, text, due, owner=D[2], number=D[3], metric_id=D[4], stage=D[5], notes=F):
        S(self, 'text', text)
        S(self, 'due', due)
        S(self, 'owner', owner)
        S(self, 'number', number)
        S(self, 'metric_id', metric_id)
        S(self, 'stage', stage)
        S(self, 'notes', M[6]() if notes is F else notes)
    return __init__


def _30(D, M, F, S):
    def __init__(self, text, where):
        S(self, 'text', text)
        S(self, 'where', where)
    return __init__


def _31(D, M, F, S):
    def __init__(self, value=D[0], problem=D[1], partial=D[2]):
        S(self, 'value', value)
        S(self, 'problem', problem)
        S(self, 'partial', partial)
    return __init__


def _32(D, M, F, S):
    def __init__(self, week, at_target, measured):
        S(self, 'week', week)
        S(self, 'at_target', at_target)
        S(self, 'measured', measured)
    return __init__


def _33(D, M, F, S):
    def __init__(self, week, due, verdict, carried_to=D[3], achieved=D[4]):
        S(self, 'week', week)
        S(self, 'due', due)
        S(self, 'verdict', verdict)
        S(self, 'carried_to', carried_to)
        S(self, 'achieved', achieved)
    return __init__


def _34(D, M, F, S):
    def __init__(self, week, held, attainment, made, verdicts, diagnoses, level, override_reason=D[7]):
        S(self, 'week', week)
        S(self, 'held', held)
        S(self, 'attainment', attainment)
        S(self, 'made', made)
        S(self, 'verdicts', verdicts)
        S(self, 'diagnoses', diagnoses)
        S(self, 'level', level)
        S(self, 'override_reason', override_reason)
    return __init__


def _35(D, M, F, S):
    def __init__(self, week, lines, sessions):
        self.week = week
        self.lines = lines
        self.sessions = sessions
    return __init__


MAKERS = {
    "def __make__(D, M, F, S):\n    def __init__(self, *, coaching_after_misses=D[0], pip_after_misses=D[1], window_weeks=D[2], followup_after_misses=D[3]):\n        S(self, 'coaching_after_misses', coaching_after_misses)\n        S(self, 'pip_after_misses', pip_after_misses)\n        S(self, 'window_weeks', window_weeks)\n        S(self, 'followup_after_misses', followup_after_misses)\n    return __init__\n": _0,
    'def __make__(D, M, F, S):\n    def __init__(self, *, commitment_id, verdict=D[1], outcome=D[2], achieved=D[3], answer=D[4], diagnosis=D[5], carried_to=D[6]):\n        self.commitment_id = commitment_id\n        self.verdict = verdict\n        self.outcome = outcome\n        self.achieved = achieved\n        self.answer = answer\n        self.diagnosis = diagnosis\n        self.carried_to = carried_to\n    return __init__\n': _1,
    "def __make__(D, M, F, S):\n    def __init__(self, *, id, label, stage, indicator, unit=D[4], period=D[5], target, direction=D[7]):\n        S(self, 'id', id)\n        S(self, 'label', label)\n        S(self, 'stage', stage)\n        S(self, 'indicator', indicator)\n        S(self, 'unit', unit)\n        S(self, 'period', period)\n        S(self, 'target', target)\n        S(self, 'direction', direction)\n    return __init__\n": _2,
    "def __make__(D, M, F, S):\n    def __init__(self, *, id, name, role=D[2], targets=F):\n        S(self, 'id', id)\n        S(self, 'name', name)\n        S(self, 'role', role)\n        S(self, 'targets', M[3]() if targets is F else targets)\n    return __init__\n": _3,
    "def __make__(D, M, F, S):\n    def __init__(self, *, id, text, owner=D[2], due, due_defaulted=D[4], number=D[5], metric_id=D[6], stage=D[7], made_week):\n        S(self, 'id', id)\n        S(self, 'text', text)\n        S(self, 'owner', owner)\n        S(self, 'due', due)\n        S(self, 'due_defaulted', due_defaulted)\n        S(self, 'number', number)\n        S(self, 'metric_id', metric_id)\n        S(self, 'stage', stage)\n        S(self, 'made_week', made_week)\n    return __init__\n": _4,
    "def __make__(D, M, F, S):\n    def __init__(self, *, kind, rep_id, about=D[2], week, logged_at, text):\n        S(self, 'kind', kind)\n        S(self, 'rep_id', rep_id)\n        S(self, 'about', about)\n        S(self, 'week', week)\n        S(self, 'logged_at', logged_at)\n        S(self, 'text', text)\n    return __init__\n": _5,
    'def __make__(D, M, F, S):\n    def __init__(self, *, metric_id, actual=D[1], answer=D[2], diagnosis=D[3], skill=D[4]):\n        self.metric_id = metric_id\n        self.actual = actual\n        self.answer = answer\n        self.diagnosis = diagnosis\n        self.skill = skill\n    return __init__\n': _6,
    "def __make__(D, M, F, S):\n    def __init__(self, *, name, manager, timebox_minutes=D[2], escalation=F, metrics, reps, crm_columns=F, crm_deals=D[7]):\n        S(self, 'name', name)\n        S(self, 'manager', manager)\n        S(self, 'timebox_minutes', timebox_minutes)\n        S(self, 'escalation', M[3]() if escalation is F else escalation)\n        S(self, 'metrics', metrics)\n        S(self, 'reps', reps)\n        S(self, 'crm_columns', M[6]() if crm_columns is F else crm_columns)\n        S(self, 'crm_deals', crm_deals)\n    return __init__\n": _7,
    "def __make__(D, M, F, S):\n    def __init__(self, *, owner=D[0], amount=D[1], close_date=D[2], stage=D[3], won_stages=D[4], deal_id=D[5], pipeline=D[6], pipelines=D[7], amount_metric=D[8], count_metric=D[9]):\n        S(self, 'owner', owner)\n        S(self, 'amount', amount)\n        S(self, 'close_date', close_date)\n        S(self, 'stage', stage)\n        S(self, 'won_stages', won_stages)\n        S(self, 'deal_id', deal_id)\n        S(self, 'pipeline', pipeline)\n        S(self, 'pipelines', pipelines)\n        S(self, 'amount_metric', amount_metric)\n        S(self, 'count_metric', count_metric)\n    return __init__\n": _8,
    'def __make__(D, M, F, S):\n    def __init__(self, *, rep_id, week, state=D[2], entries=F, commitments=F, to_review=F, reviews=F, shared_notes=D[7], private_notes=D[8], started_at=D[9], finished_at=D[10], seconds_spent=D[11], activity_opened=D[12], level_override=D[13], override_reason=D[14]):\n        self.rep_id = rep_id\n        self.week = week\n        self.state = state\n        self.entries = M[3]() if entries is F else entries\n        self.commitments = M[4]() if commitments is F else commitments\n        self.to_review = M[5]() if to_review is F else to_review\n        self.reviews = M[6]() if reviews is F else reviews\n        self.shared_notes = shared_notes\n        self.private_notes = private_notes\n        self.started_at = started_at\n        self.finished_at = finished_at\n        self.seconds_spent = seconds_spent\n        self.activity_opened = activity_opened\n        self.level_override = level_override\n        self.override_reason = override_reason\n    return __init__\n': _9,
    "def __make__(D, M, F, S):\n    def __init__(self, db, reason):\n        S(self, 'db', db)\n        S(self, 'reason', reason)\n    return __init__\n": _10,
    "def __make__(D, M, F, S):\n    def __init__(self, done, due):\n        S(self, 'done', done)\n        S(self, 'due', due)\n    return __init__\n": _11,
    "def __make__(D, M, F, S):\n    def __init__(self, file, where, message, line=D[3]):\n        S(self, 'file', file)\n        S(self, 'where', where)\n        S(self, 'message', message)\n        S(self, 'line', line)\n    return __init__\n": _12,
    "def __make__(D, M, F, S):\n    def __init__(self, kept, due):\n        S(self, 'kept', kept)\n        S(self, 'due', due)\n    return __init__\n": _13,
    "def __make__(D, M, F, S):\n    def __init__(self, kind, text, rep_id=D[2]):\n        S(self, 'kind', kind)\n        S(self, 'text', text)\n        S(self, 'rep_id', rep_id)\n    return __init__\n": _14,
    "def __make__(D, M, F, S):\n    def __init__(self, level, missed_weeks, kept_streak, reason, recognition=D[4], moved_by=D[5], next_step=D[6], computed=D[7], override_reason=D[8]):\n        S(self, 'level', level)\n        S(self, 'missed_weeks', missed_weeks)\n        S(self, 'kept_streak', kept_streak)\n        S(self, 'reason', reason)\n        S(self, 'recognition', recognition)\n        S(self, 'moved_by', moved_by)\n        S(self, 'next_step', next_step)\n        S(self, 'computed', computed)\n        S(self, 'override_reason', override_reason)\n    return __init__\n": _15,
    "def __make__(D, M, F, S):\n    def __init__(self, line, column, message):\n        S(self, 'line', line)\n        S(self, 'column', column)\n        S(self, 'message', message)\n    return __init__\n": _16,
    "def __make__(D, M, F, S):\n    def __init__(self, lines, sparks, rate_4, rate_12, diagnosis_mix, recognition=D[5]):\n        S(self, 'lines', lines)\n        S(self, 'sparks', sparks)\n        S(self, 'rate_4', rate_4)\n        S(self, 'rate_12', rate_12)\n        S(self, 'diagnosis_mix', diagnosis_mix)\n        S(self, 'recognition', recognition)\n    return __init__\n": _17,
    "def __make__(D, M, F, S):\n    def __init__(self, metric, full_target, target, actual, period_fraction, day=D[5]):\n        S(self, 'metric', metric)\n        S(self, 'full_target', full_target)\n        S(self, 'target', target)\n        S(self, 'actual', actual)\n        S(self, 'period_fraction', period_fraction)\n        S(self, 'day', day)\n    return __init__\n": _18,
    'def __make__(D, M, F, S):\n    def __init__(self, rep, base, trend, weekday, hour, kept=D[5], partly=D[6], part=D[7], totals=F, misses=F, previous=D[10]):\n        self.rep = rep\n        self.base = base\n        self.trend = trend\n        self.weekday = weekday\n        self.hour = hour\n        self.kept = kept\n        self.partly = partly\n        self.part = part\n        self.totals = M[8]() if totals is F else totals\n        self.misses = M[9]() if misses is F else misses\n        self.previous = previous\n    return __init__\n': _19,
    "def __make__(D, M, F, S):\n    def __init__(self, rep, session, previous, attainment, last_attainment, owed, escalation, follow_through=D[7], follow_trend=D[8], last_done=D[9], past=D[10], departed=D[11], known=D[12]):\n        S(self, 'rep', rep)\n        S(self, 'session', session)\n        S(self, 'previous', previous)\n        S(self, 'attainment', attainment)\n        S(self, 'last_attainment', last_attainment)\n        S(self, 'owed', owed)\n        S(self, 'escalation', escalation)\n        S(self, 'follow_through', follow_through)\n        S(self, 'follow_trend', follow_trend)\n        S(self, 'last_done', last_done)\n        S(self, 'past', past)\n        S(self, 'departed', departed)\n        S(self, 'known', known)\n    return __init__\n": _20,
    "def __make__(D, M, F, S):\n    def __init__(self, rep_id, commitment, due, steps=D[3]):\n        S(self, 'rep_id', rep_id)\n        S(self, 'commitment', commitment)\n        S(self, 'due', due)\n        S(self, 'steps', steps)\n    return __init__\n": _21,
    "def __make__(D, M, F, S):\n    def __init__(self, rep_id, metric_id, old, new, change):\n        S(self, 'rep_id', rep_id)\n        S(self, 'metric_id', metric_id)\n        S(self, 'old', old)\n        S(self, 'new', new)\n        S(self, 'change', change)\n    return __init__\n": _22,
    'def __make__(D, M, F, S):\n    def __init__(self, session, first, last, not_before=D[3], urgent=D[4]):\n        self.session = session\n        self.first = first\n        self.last = last\n        self.not_before = not_before\n        self.urgent = urgent\n    return __init__\n': _23,
    "def __make__(D, M, F, S):\n    def __init__(self, shape, header_line, owner_column, crm_columns, crm_deals, header_index=D[5]):\n        S(self, 'shape', shape)\n        S(self, 'header_line', header_line)\n        S(self, 'owner_column', owner_column)\n        S(self, 'crm_columns', crm_columns)\n        S(self, 'crm_deals', crm_deals)\n        S(self, 'header_index', header_index)\n    return __init__\n": _24,
    'def __make__(D, M, F, S):\n    def __init__(self, shape, header_line, values=F, rows=D[3]):\n        self.shape = shape\n        self.header_line = header_line\n        self.values = M[2]() if values is F else values\n        self.rows = rows\n    return __init__\n': _25,
    "def __make__(D, M, F, S):\n    def __init__(self, team, manager, week, weeks, reps, held_this_week, held_recent, held_period, full_weeks, results, results_trend, follow_through_reps, follow_through_manager, diagnoses, levels, activities, signals=D[16]):\n        S(self, 'team', team)\n        S(self, 'manager', manager)\n        S(self, 'week', week)\n        S(self, 'weeks', weeks)\n        S(self, 'reps', reps)\n        S(self, 'held_this_week', held_this_week)\n        S(self, 'held_recent', held_recent)\n        S(self, 'held_period', held_period)\n        S(self, 'full_weeks', full_weeks)\n        S(self, 'results', results)\n        S(self, 'results_trend', results_trend)\n        S(self, 'follow_through_reps', follow_through_reps)\n        S(self, 'follow_through_manager', follow_through_manager)\n        S(self, 'diagnoses', diagnoses)\n        S(self, 'levels', levels)\n        S(self, 'activities', activities)\n        S(self, 'signals', signals)\n    return __init__\n": _26,
    "def __make__(D, M, F, S):\n    def __init__(self, team, sessions, later=D[2]):\n        S(self, 'team', team)\n        S(self, 'sessions', sessions)\n        S(self, 'later', later)\n    return __init__\n": _27,
    "def __make__(D, M, F, S):\n    def __init__(self, team, week, rows, departed=F, glance=D[4]):\n        S(self, 'team', team)\n        S(self, 'week', week)\n        S(self, 'rows', rows)\n        S(self, 'departed', M[3]() if departed is F else departed)\n        S(self, 'glance', glance)\n    return __init__\n": _28,
    "def __make__(D, M, F, S):\n    def __init__(self, text, due, owner=D[2], number=D[3], metric_id=D[4], stage=D[5], notes=F):\n        S(self, 'text', text)\n        S(self, 'due', due)\n        S(self, 'owner', owner)\n        S(self, 'number', number)\n        S(self, 'metric_id', metric_id)\n        S(self, 'stage', stage)\n        S(self, 'notes', M[6]() if notes is F else notes)\n    return __init__\n": _29,
    "def __make__(D, M, F, S):\n    def __init__(self, text, where):\n        S(self, 'text', text)\n        S(self, 'where', where)\n    return __init__\n": _30,
    "def __make__(D, M, F, S):\n    def __init__(self, value=D[0], problem=D[1], partial=D[2]):\n        S(self, 'value', value)\n        S(self, 'problem', problem)\n        S(self, 'partial', partial)\n    return __init__\n": _31,
    "def __make__(D, M, F, S):\n    def __init__(self, week, at_target, measured):\n        S(self, 'week', week)\n        S(self, 'at_target', at_target)\n        S(self, 'measured', measured)\n    return __init__\n": _32,
    "def __make__(D, M, F, S):\n    def __init__(self, week, due, verdict, carried_to=D[3], achieved=D[4]):\n        S(self, 'week', week)\n        S(self, 'due', due)\n        S(self, 'verdict', verdict)\n        S(self, 'carried_to', carried_to)\n        S(self, 'achieved', achieved)\n    return __init__\n": _33,
    "def __make__(D, M, F, S):\n    def __init__(self, week, held, attainment, made, verdicts, diagnoses, level, override_reason=D[7]):\n        S(self, 'week', week)\n        S(self, 'held', held)\n        S(self, 'attainment', attainment)\n        S(self, 'made', made)\n        S(self, 'verdicts', verdicts)\n        S(self, 'diagnoses', diagnoses)\n        S(self, 'level', level)\n        S(self, 'override_reason', override_reason)\n    return __init__\n": _34,
    'def __make__(D, M, F, S):\n    def __init__(self, week, lines, sessions):\n        self.week = week\n        self.lines = lines\n        self.sessions = sessions\n    return __init__\n': _35,
}
