"""Pages for reaching out and keeping in touch: Today, the pipeline, messages, meetings,
favours and the private calendar feed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netkort.domain import templates
from netkort.services import (
    favours,
    interactions,
    keep_in_touch,
    meetings,
    messages,
    outreach,
    people,
)
from netkort.services.access import WRITE_LEVELS, role_in
from netkort.services.errors import NotFound, UserError
from netkort.store import labels
from netkort.store.models import Person, Workspace
from netkort.web import outreach_forms as f
from netkort.web.quick_log import quick_log_form
from netkort.web.views.decorators import render_page, workspace_view


def can_write(request: HttpRequest, workspace: Workspace) -> bool:
    """Whether the signed-in user may change the workspace (a reading coach may not), by
    the rules of ``open_workspace`` for the workspace the page has opened already."""
    user = request.user
    if not isinstance(user, User):
        return False
    role = role_in(user, workspace)
    return role == "owner" or (user.is_active and role in WRITE_LEVELS)


def _render(
    request: HttpRequest, workspace: Workspace, template: str, context: dict[str, Any], *, nav: str
) -> HttpResponse:
    """``render_page`` with ``can_write``, so forms are offered only to who may use them."""
    context = {**context, "can_write": can_write(request, workspace)}
    return render_page(request, workspace, template, context, nav=nav)


def _back(request: HttpRequest, default: str) -> HttpResponse:
    """Back to the page the form was on, if it is one of ours."""
    wanted = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
        return redirect(wanted)
    return redirect(default)


def _person_url(workspace: Workspace, person: Person) -> str:
    return reverse("netkort:person", kwargs={"ws": workspace.uid, "pk": person.pk})


def _language(request: HttpRequest) -> str:
    code = get_language() or "da"
    return code if code in templates.LANGUAGES else "en"


def _form_errors(form: Any) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


# --- Today ---------------------------------------------------------------------------


@workspace_view()
def today(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    feed_url = request.build_absolute_uri(
        reverse("netkort:feed", kwargs={"token": workspace.feed_token})
    )
    context = {
        "today": keep_in_touch.today_list(workspace),
        "advice": favours.suggestions(workspace),
        "balance": favours.balance_of(workspace),
        "feed_url": feed_url,
        "tag_rules": sorted(keep_in_touch.tag_rules(workspace).items()),
        "tag_form": f.TagRuleForm(),
        "channels": list(labels.CHANNELS.items()),
        "snooze_days": keep_in_touch.rhythm.SNOOZE_CHOICES,
    }
    return _render(request, workspace, "netkort/outreach/today.html", context, nav="today")


@workspace_view(write=True)
@require_POST
def snooze(request: HttpRequest, workspace: Workspace, pk: int) -> HttpResponse:
    person = people.get_person(workspace, pk)
    try:
        until = keep_in_touch.snooze(workspace, person, int(request.POST.get("days", "0")))
    except (UserError, ValueError):
        flash.error(request, _("Snooze for 3, 7 or 14 days."))
    else:
        flash.success(
            request,
            _("%(name)s is snoozed until %(day)s.")
            % {"name": person.display_name, "day": until.isoformat()},
        )
    return _back(request, reverse("netkort:today", kwargs={"ws": workspace.uid}))


@workspace_view(write=True)
@require_POST
def done(request: HttpRequest, workspace: Workspace, pk: int) -> HttpResponse:
    person = people.get_person(workspace, pk)
    try:
        keep_in_touch.done(workspace, person, request.POST.get("channel", "other"))
    except UserError as exc:
        flash.error(request, str(exc))
    else:
        flash.success(request, _("Logged contact with %(name)s.") % {"name": person.display_name})
    return _back(request, reverse("netkort:today", kwargs={"ws": workspace.uid}))


@workspace_view(write=True)
@require_POST
def renew_feed(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    keep_in_touch.renew_feed_token(workspace)
    flash.success(request, _("The calendar feed has a new address; the old one no longer works."))
    return redirect(reverse("netkort:today", kwargs={"ws": workspace.uid}) + "#settings")


@workspace_view(write=True)
@require_POST
def tag_rule(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    form = f.TagRuleForm(request.POST)
    if form.is_valid():
        try:
            keep_in_touch.set_tag_rule(
                workspace, form.cleaned_data["tag"], form.cleaned_data["days"]
            )
        except UserError as exc:
            flash.error(request, str(exc))
        else:
            flash.success(request, _("Saved."))
    else:
        flash.error(request, _form_errors(form))
    return redirect(reverse("netkort:today", kwargs={"ws": workspace.uid}) + "#settings")


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private calendar: no sign-in, the secret token is the key."""
    try:
        workspace = keep_in_touch.workspace_for_feed(token)
    except NotFound as exc:
        raise Http404 from exc
    response = HttpResponse(
        keep_in_touch.feed(workspace), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, max-age=900"
    return response


# --- Person actions --------------------------------------------------------------------


@workspace_view(write=True)
@require_POST
def log_contact(request: HttpRequest, workspace: Workspace, pk: int) -> HttpResponse:
    person = people.get_person(workspace, pk)
    form = f.InteractionForm(request.POST, prefix="contact")
    error = ""
    if not form.is_valid():
        error = _form_errors(form)
    else:
        try:
            interactions.log_interaction(workspace, [person], form.to_entry())
        except UserError as exc:
            error = str(exc)
    if request.htmx:  # type: ignore[attr-defined]
        return _quick_log_answer(request, workspace, person, error)
    if error:
        flash.error(request, error)
    else:
        flash.success(request, _("Contact logged."))
    return _back(request, _person_url(workspace, person))


def _quick_log_answer(
    request: HttpRequest, workspace: Workspace, person: Person, error: str
) -> HttpResponse:
    """What the compact form on the plan and the map panel swaps in: the form again with
    the error, or a confirmation (and, in the map panel, the new "last contact")."""
    panel = request.POST.get("panel") == "1"
    if error:
        form = quick_log_form(
            workspace,
            person.pk,
            person.display_name,
            csrf_token=get_token(request),
            next_url=str(request.POST.get("next", "")),
            panel=panel,
            typed=request.POST,
            error=error,
        )
        return HttpResponse(form)
    context = {"person": person, "panel": panel}
    return render_page(request, workspace, "netkort/outreach/_quick_logged.html", context)


@workspace_view(write=True)
@require_POST
def log_favour(request: HttpRequest, workspace: Workspace, pk: int) -> HttpResponse:
    person = people.get_person(workspace, pk)
    form = f.FavourForm(request.POST)
    if not form.is_valid():
        flash.error(request, _form_errors(form))
    else:
        try:
            favours.log_favour(workspace, person, **form.cleaned_data)
        except UserError as exc:
            flash.error(request, str(exc))
        else:
            flash.success(request, _("Favour logged."))
    return _back(request, _person_url(workspace, person))


@workspace_view(write=True)
@require_POST
def set_rhythm(request: HttpRequest, workspace: Workspace, pk: int) -> HttpResponse:
    person = people.get_person(workspace, pk)
    form = f.RhythmForm(request.POST)
    if form.is_valid():
        keep_in_touch.set_rhythm(workspace, person, form.cleaned_data["days"])
        flash.success(request, _("Saved."))
    else:
        flash.error(request, _form_errors(form))
    return _back(request, _person_url(workspace, person))


# --- Pipeline --------------------------------------------------------------------------


def _goals_url(workspace: Workspace) -> str:
    """The goals page, when the goals feature is installed."""
    try:
        return reverse("netkort:goals", kwargs={"ws": workspace.uid})
    except NoReverseMatch:
        return ""


@workspace_view()
def pipeline(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    goal = outreach.active_goal(workspace)
    view = "list" if request.GET.get("view") == "list" else "board"
    columns = outreach.board(workspace, goal) if goal else []
    context: dict[str, Any] = {
        "goal": goal,
        "view": view,
        "columns": columns,
        "empty": not any(col.cards for col in columns),
        "goals_url": _goals_url(workspace),
        "outcomes": f.MoveForm().fields["outcome"].choices,  # type: ignore[attr-defined]
    }
    return _render(request, workspace, "netkort/outreach/pipeline.html", context, nav="pipeline")


@workspace_view(write=True)
@require_POST
def add_to_pipeline(request: HttpRequest, workspace: Workspace, pk: int) -> HttpResponse:
    person = people.get_person(workspace, pk)
    goal = outreach.active_goal(workspace)
    if goal is None:
        flash.error(request, _("Choose an active goal first."))
    else:
        outreach.add_to_pipeline(workspace, person, goal)
        flash.success(request, _("%(name)s is in the pipeline.") % {"name": person.display_name})
    return _back(request, _person_url(workspace, person))


@workspace_view(write=True)
@require_POST
def move(request: HttpRequest, workspace: Workspace, pk: int) -> HttpResponse:
    """Move a card: a button on the board or the list (the page again), or a card
    dropped on a column (htmx-style request: the board alone, or the reason it failed)."""
    assessment = outreach.get_assessment(workspace, pk)
    form = f.MoveForm(request.POST)
    error = ""
    if not form.is_valid():
        error = _form_errors(form)
    else:
        data = form.cleaned_data
        try:
            if data["status"]:
                outreach.move(workspace, assessment, data["status"], outcome=data["outcome"])
            elif data["step"]:
                outreach.step(workspace, assessment, data["step"])
        except UserError as exc:
            error = str(exc)
    if request.htmx:  # type: ignore[attr-defined]
        if error:
            return HttpResponse(error, status=422, content_type="text/plain; charset=utf-8")
        return _board_answer(request, workspace, assessment)
    if error:
        flash.error(request, error)
    return _back(request, reverse("netkort:pipeline", kwargs={"ws": workspace.uid}))


def _board_answer(request: HttpRequest, workspace: Workspace, assessment: Any) -> HttpResponse:
    """The board after a card was dropped, saying where the card is now."""
    message = _("%(name)s moved to “%(status)s”.") % {
        "name": assessment.person.display_name,
        "status": labels.OUTREACH_STATUSES[assessment.status],
    }
    context = {
        "columns": outreach.board(workspace, assessment.goal),
        "outcomes": f.MoveForm().fields["outcome"].choices,  # type: ignore[attr-defined]
        "board_message": message,
    }
    return _render(request, workspace, "netkort/outreach/_board.html", context, nav="pipeline")


@workspace_view(write=True)
@require_POST
def next_step(request: HttpRequest, workspace: Workspace, pk: int) -> HttpResponse:
    assessment = outreach.get_assessment(workspace, pk)
    form = f.NextStepForm(request.POST)
    if form.is_valid():
        outreach.set_next_step(
            workspace,
            assessment,
            form.cleaned_data["next_step"],
            form.cleaned_data["next_step_date"],
        )
        flash.success(request, _("Saved."))
    else:
        flash.error(request, _form_errors(form))
    return _back(request, reverse("netkort:pipeline", kwargs={"ws": workspace.uid}))


# --- Messages --------------------------------------------------------------------------


@workspace_view(write=True)
def compose(request: HttpRequest, workspace: Workspace, pk: int) -> HttpResponse:
    person = people.get_person(workspace, pk)
    known = messages.acquaintances(workspace, person)
    choices = [(p.pk, p.display_name) for p in known]
    if request.method == "POST":
        return _sent(request, workspace, person)
    initial: dict[str, Any] = {
        "kind": "reconnect" if person.last_contact_at else "first_contact",
        "language": _language(request),
        "mutual": known[0].pk if known else None,
    }
    form = f.ComposeForm({**initial, **request.GET.dict()}, mutual_choices=choices)
    data: dict[str, Any] = form.cleaned_data if form.is_valid() else initial
    mutual = next((p for p in known if p.pk == data.get("mutual")), None)
    composed = messages.compose(
        workspace, person, str(data["kind"]), str(data["language"]), mutual=mutual
    )
    context = {"person": person, "form": form, "composed": composed, "sent_form": f.SentForm()}
    return _render(request, workspace, "netkort/outreach/compose.html", context, nav="people")


def _sent(request: HttpRequest, workspace: Workspace, person: Person) -> HttpResponse:
    form = f.SentForm(request.POST)
    if form.is_valid():
        subject = form.cleaned_data["subject"] or _("Message")
        messages.log_sent(workspace, person, form.cleaned_data["channel"], subject)
        flash.success(request, _("Logged the message to %(name)s.") % {"name": person.display_name})
    return redirect(_person_url(workspace, person))


@workspace_view()
def template_list(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    rows = [
        (
            kind,
            f.KIND_LABELS[kind],
            [(lang, messages.is_own(workspace, kind, lang)) for lang in templates.LANGUAGES],
        )
        for kind in templates.KINDS
    ]
    context = {"rows": rows, "language_labels": f.LANGUAGE_LABELS}
    return _render(request, workspace, "netkort/outreach/templates.html", context, nav="today")


@workspace_view(write=True)
def template_edit(
    request: HttpRequest, workspace: Workspace, kind: str, language: str
) -> HttpResponse:
    if kind not in templates.KINDS or language not in templates.LANGUAGES:
        raise Http404
    back = reverse("netkort:templates", kwargs={"ws": workspace.uid})
    if request.method == "POST" and "reset" in request.POST:
        messages.reset_template(workspace, kind, language)
        flash.success(request, _("The built-in text is back."))
        return redirect(back)
    current = messages.template_for(workspace, kind, language)
    form = f.TemplateForm(
        request.POST or None, initial={"subject": current.subject, "body": current.body}
    )
    if request.method == "POST" and form.is_valid():
        try:
            messages.save_template(workspace, kind, language, **form.cleaned_data)
        except UserError as exc:
            form.add_error(None, str(exc))
        else:
            flash.success(request, _("Saved."))
            return redirect(back)
    context = {
        "form": form,
        "kind_label": f.KIND_LABELS[kind],
        "language_label": f.LANGUAGE_LABELS[language],
        "placeholders": ["{" + p + "}" for p in templates.PLACEHOLDERS],
        "is_own": messages.is_own(workspace, kind, language),
    }
    return _render(request, workspace, "netkort/outreach/template_edit.html", context, nav="today")


@workspace_view(write=True)
def introduce(request: HttpRequest, workspace: Workspace, pk: int) -> HttpResponse:
    """A double introduction: the person and another, one message to both."""
    person = people.get_person(workspace, pk)
    source = request.POST if request.method == "POST" else request.GET
    try:
        other = interactions.find_person(workspace, source.get("other", ""))
    except UserError as exc:
        flash.error(request, str(exc))
        return redirect(_person_url(workspace, person))
    if request.method == "POST":
        try:
            favours.introduce(workspace, person, other, source.get("subject", ""))
        except UserError as exc:
            flash.error(request, str(exc))
        else:
            flash.success(request, _("Logged the introduction."))
        return redirect(_person_url(workspace, person))
    form = f.IntroduceForm(
        request.GET if "language" in request.GET else {"language": _language(request)}
    )
    language = form.cleaned_data["language"] if form.is_valid() else _language(request)
    composed = messages.compose(workspace, person, "double_introduction", language, other=other)
    context = {"person": person, "other": other, "form": form, "composed": composed}
    return _render(request, workspace, "netkort/outreach/introduce.html", context, nav="people")


# --- Meetings --------------------------------------------------------------------------


@workspace_view(write=True)
def propose_meeting(request: HttpRequest, workspace: Workspace, pk: int) -> HttpResponse:
    person = people.get_person(workspace, pk)
    form = f.MeetingForm(request.POST or None, initial={"minutes": 20, "platform": "teams"})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meetings.propose(workspace, person, form.to_proposal())
        except UserError as exc:
            form.add_error(None, str(exc))
        else:
            flash.success(
                request, _("The meeting is planned. Download the invitation and send it.")
            )
            return redirect("netkort:meeting", ws=workspace.uid, pk=meeting.pk)
    context = {"person": person, "form": form}
    return _render(request, workspace, "netkort/outreach/propose.html", context, nav="people")


@workspace_view(write=True)
def meeting(request: HttpRequest, workspace: Workspace, pk: int) -> HttpResponse:
    item = meetings.get_meeting(workspace, pk)
    persons = list(item.persons.all())
    form = f.ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meetings.review(workspace, item, form.to_review())
        except UserError as exc:
            form.add_error(None, str(exc))
        else:
            flash.success(request, _("Thank you. It is logged."))
            if persons:
                return redirect(_person_url(workspace, persons[0]))
            return redirect("netkort:today", ws=workspace.uid)
    context = {
        "meeting": item,
        "persons": persons,
        "form": form,
        "is_past": item.occurred_at <= timezone.now(),
    }
    return _render(request, workspace, "netkort/outreach/meeting.html", context, nav="today")


@workspace_view()
def invitation(request: HttpRequest, workspace: Workspace, pk: int) -> HttpResponse:
    item = meetings.get_meeting(workspace, pk)
    response = HttpResponse(meetings.invitation(workspace, item), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="meeting-{item.pk}.ics"'
    return response
