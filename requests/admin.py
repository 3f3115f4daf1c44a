from __future__ import annotations

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from portal.backoffice import policy
from portal.backoffice.scoping import ScopedAdmin

from . import queues, services
from .choices import Queue
from .models import Candidate, Event, HelpRequest
from .staff_forms import ACTIONS, ACTIONS_BY_NAME, RequestAction


class QueueFilter(admin.SimpleListFilter):
    title = _("queue")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        overdue = _("Waiting for a reply for more than %(days)d working days") % {
            "days": settings.HELP_REQUEST_REPLY_WORKING_DAYS
        }
        return [
            (queue.value, overdue if queue == Queue.OVERDUE else queue.label) for queue in Queue
        ]

    def queryset(self, request, queryset):
        return queues.in_queue(
            self.value(), queryset, centre_ids=policy.member_centre_ids(request.user)
        )


@admin.register(HelpRequest)
class HelpRequestAdmin(ScopedAdmin):
    list_display = [
        "reference",
        "submitted_at",
        "municipality",
        "topic_list",
        "status",
        "priority",
        "lead_centre",
        "answered",
    ]
    list_filter = [QueueFilter, "status", "priority"]
    list_select_related = ["municipality", "lead_centre"]
    search_fields = ["reference"]
    ordering = ["-submitted_at"]
    show_full_result_count = False

    # Visibility comes from the policy; every change goes through an action on the request page.

    def visible(self, request, queryset):
        return policy.help_requests_visible_to(request.user, queryset)

    def can_see(self, request, obj):
        return self.visible(request, HelpRequest.objects.filter(pk=obj.pk)).exists()

    def can_edit(self, request, obj):
        return False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("topics")

    def get_object(self, request, object_id, from_field=None):
        # The request page and the actions read all of this; the list needs none of it.
        queryset = self.visible(
            request,
            HelpRequest.objects.select_related(
                "municipality__county",
                "lead_centre",
                "preferred_centre",
                "referred_to_centre",
                "about_offering",
            ).prefetch_related(
                "topics",
                "target_groups",
                "help_wanted",
                "partner_centres",
                Prefetch("candidates", queryset=Candidate.objects.select_related("centre")),
                Prefetch(
                    "events",
                    queryset=Event.objects.select_related("actor", "centre"),
                    to_attr="log",
                ),
            ),
        )
        try:
            return queryset.get(pk=object_id)
        except (HelpRequest.DoesNotExist, ValueError, ValidationError):
            return None

    @admin.display(description=_("topics"))
    def topic_list(self, obj: HelpRequest) -> str:
        return ", ".join(topic.name for topic in obj.topics.all())

    @admin.display(description=_("answered"), boolean=True)
    def answered(self, obj: HelpRequest) -> bool:
        return obj.first_response_at is not None

    def get_urls(self):
        return [
            path(
                "<path:object_id>/act/<slug:action>/",
                self.admin_site.admin_view(self.act_view),
                name="helprequests_helprequest_act",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        help_request = self.get_visible_object(request, object_id)
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        return self.request_page(request, help_request)

    def act_view(self, request: HttpRequest, object_id: str, action: str) -> HttpResponse:
        help_request = self.get_visible_object(request, object_id)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        chosen = ACTIONS_BY_NAME.get(action)
        if chosen is None:
            raise Http404
        involvement = self._involvement(request, help_request)
        centres = self._centres_for(request, help_request, chosen, involvement)
        if not centres:
            messages.error(request, self._why_not(help_request, chosen, involvement["acting"]))
            return redirect(self._page_url(help_request))
        form = chosen.form_class(request.POST, centres=centres, auto_id=f"id_{chosen.name}_%s")
        if not form.is_valid():
            return self.request_page(request, help_request, bound=(chosen.name, form))
        try:
            chosen.perform(
                help_request=help_request,
                centre=form.cleaned_data["centre"],
                by=request.user,
                data=form.cleaned_data,
            )
        except services.ActionRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, chosen.done_message)
        return redirect(self._page_url(help_request))

    def _why_not(self, help_request, action: RequestAction, acting) -> str:
        """Tell someone whose page was out of date what changed meanwhile."""
        if action.name == "take-lead" and help_request.lead_centre_id:
            return services.lead_taken_message(help_request)
        if action.to_status and acting:
            problem = services.transition_problem(help_request, action.to_status, acting[0])
            if problem:
                return problem
        return _("This cannot be done on the request now.")

    def _page_url(self, help_request: HelpRequest) -> str:
        return reverse("admin:helprequests_helprequest_change", args=[help_request.pk])

    def _centres_for(self, request, help_request, action: RequestAction, context=None):
        context = context or self._involvement(request, help_request)
        return action.centres_for(
            help_request,
            context["acting"],
            candidates=context["candidates"],
            partners=context["partners"],
        )

    def _involvement(self, request, help_request) -> dict:
        """Who is who on the request, read from the prefetched candidates and partners."""
        candidates = [candidate.centre for candidate in help_request.candidates.all()]
        return {
            "acting": policy.acting_centres(request.user, candidates),
            "candidates": {centre.pk for centre in candidates},
            "partners": {centre.pk for centre in help_request.partner_centres.all()},
        }

    def request_page(self, request, help_request: HelpRequest, *, bound=None) -> HttpResponse:
        involvement = self._involvement(request, help_request)
        forms = []
        for action in ACTIONS:
            centres = self._centres_for(request, help_request, action, involvement)
            if not centres:
                continue
            if bound and bound[0] == action.name:
                form = bound[1]
            else:
                form = action.form_class(
                    centres=centres,
                    auto_id=f"id_{action.name}_%s",
                    initial={
                        # The priority form starts from the agreed priority, not from "high".
                        "priority": help_request.priority,
                        "rationale": help_request.priority_rationale,
                    },
                )
            forms.append({"action": action, "form": form})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": help_request,
            "title": help_request.reference,
            "subtitle": None,
            "has_view_permission": True,
            "action_forms": forms,
            "overdue": help_request.first_response_at is None
            and help_request.is_open
            and help_request.submitted_at < queues.reply_overdue_cutoff(),
            "partner_ids": involvement["partners"],
        }
        return TemplateResponse(
            request, "admin/helprequests/helprequest/request_page.html", context
        )
