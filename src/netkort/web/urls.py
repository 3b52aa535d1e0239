from django.urls import URLPattern, URLResolver, include, path

from netkort.web import account_urls
from netkort.web.api import api
from netkort.web.views import analysis as analysis_views
from netkort.web.views import auth, home, people
from netkort.web.views import bulk as bulk_views
from netkort.web.views import export as export_views
from netkort.web.views import goals as goal_views
from netkort.web.views import importing as import_views
from netkort.web.views import map as map_views
from netkort.web.views import outreach as outreach_views
from netkort.web.views import recall as recall_views
from netkort.web.views import ties as tie_views

workspace_urls: list[URLPattern | URLResolver] = [
    path("", home.overview, name="home"),
    path("people/", people.people_list, name="people"),
    path("analysis/", analysis_views.analysis_page, name="analysis"),
    path("analysis/report/", analysis_views.report_page, name="report"),
    path("analysis/report.pdf", analysis_views.report_pdf, name="report-pdf"),
    path("plan/", analysis_views.plan_page, name="plan"),
    path("plan/mark/", analysis_views.plan_mark, name="plan-mark"),
    path("plan/score/", analysis_views.plan_score, name="plan-score"),
    path("plan/weights/", analysis_views.plan_weights, name="plan-weights"),
    path("people/new/", people.person_add, name="person-add"),
    path("people/<int:pk>/", people.person_detail, name="person"),
    path("people/<int:pk>/edit/", people.person_edit, name="person-edit"),
    path("import/", import_views.import_page, name="import"),
    path("export/", export_views.export_page, name="export"),
    path("export/download/", export_views.export_download, name="export-download"),
    path("import/columns/", import_views.import_map, name="import-map"),
    path("import/jobs/<int:pk>/", import_views.import_job, name="import-job"),
    path("import/duplicates/", import_views.duplicates_page, name="duplicates"),
    path("map/", map_views.map_page, name="map"),
    path("map/data/", map_views.map_data, name="map-data"),
    path("map/person/<int:pk>/", map_views.map_person, name="map-person"),
    path("map/sizes/<slug:key>/", map_views.map_sizes, name="map-sizes"),
    path("map/export.svg", map_views.map_svg_download, name="map-svg"),
    path("people/bulk/", bulk_views.people_bulk, name="people-bulk"),
    path("people/<int:pk>/ties/", tie_views.tie_add, name="tie-add"),
    path("people/<int:pk>/ties/candidates/", tie_views.tie_candidates, name="tie-candidates"),
    path("people/<int:pk>/ties/<int:tie>/remove/", tie_views.tie_remove, name="tie-remove"),
    path("ties/pairs/", tie_views.pair_prompt, name="pairs"),
    path("goals/", goal_views.goal_list, name="goals"),
    path("goals/new/", goal_views.goal_add, name="goal-add"),
    path("goals/<int:pk>/edit/", goal_views.goal_edit, name="goal-edit"),
    path("goals/<int:pk>/activate/", goal_views.goal_activate, name="goal-activate"),
    path("goals/<int:pk>/archive/", goal_views.goal_archive, name="goal-archive"),
    path("goals/<int:pk>/triage/", goal_views.goal_triage, name="goal-triage"),
    path("recall/", recall_views.recall_start, name="recall"),
    path("recall/done/", recall_views.recall_done, name="recall-done"),
    path("recall/contexts/", recall_views.recall_context, name="recall-context"),
    path("recall/<int:pk>/", recall_views.recall_step, name="recall-step"),
    path("recall/<int:pk>/suggest/", recall_views.recall_suggest, name="recall-suggest"),
    path("recall/<int:pk>/tag/", recall_views.recall_tag, name="recall-tag"),
    path("today/", outreach_views.today, name="today"),
    path("today/feed/renew/", outreach_views.renew_feed, name="feed-renew"),
    path("today/rhythms/", outreach_views.tag_rule, name="rhythm-tag"),
    path("people/<int:pk>/snooze/", outreach_views.snooze, name="snooze"),
    path("people/<int:pk>/done/", outreach_views.done, name="keep-done"),
    path("people/<int:pk>/contact/", outreach_views.log_contact, name="contact-log"),
    path("people/<int:pk>/favour/", outreach_views.log_favour, name="favour-log"),
    path("people/<int:pk>/rhythm/", outreach_views.set_rhythm, name="rhythm"),
    path("people/<int:pk>/message/", outreach_views.compose, name="compose"),
    path("people/<int:pk>/introduce/", outreach_views.introduce, name="introduce"),
    path("people/<int:pk>/meeting/", outreach_views.propose_meeting, name="meeting-propose"),
    path("people/<int:pk>/pipeline/", outreach_views.add_to_pipeline, name="pipeline-add"),
    path("pipeline/", outreach_views.pipeline, name="pipeline"),
    path("pipeline/<int:pk>/move/", outreach_views.move, name="pipeline-move"),
    path("pipeline/<int:pk>/next/", outreach_views.next_step, name="pipeline-next"),
    path("meetings/<int:pk>/", outreach_views.meeting, name="meeting"),
    path("meetings/<int:pk>/invitation.ics", outreach_views.invitation, name="invitation"),
    path("templates/", outreach_views.template_list, name="templates"),
    path("templates/<str:kind>/<str:language>/", outreach_views.template_edit, name="template"),
]

netkort_urls: list[URLPattern | URLResolver] = [
    path("", home.start, name="start"),
    path("login/<str:token>/", auth.login_with_token, name="login-link"),
    path("signed-out/", auth.signed_out, name="signed-out"),
    path("logout/", auth.logout_view, name="logout"),
    path("feed/<str:token>.ics", outreach_views.feed, name="feed"),
    path("w/<uuid:ws>/", include(workspace_urls)),
    path("w/<uuid:ws>/", include(account_urls.workspace_urls)),
    path("", include(account_urls.urls)),
]

urlpatterns = [
    path("", include((netkort_urls, "netkort"))),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
]
