"""Every reader-facing URL. The namespaces name the kind of page: issues, registry, people."""

from django.urls import include, path

from .views import documents, feedback, issues, notices, offline, people, search

issue_patterns = [
    path("", issues.home, name="home"),
    path("luu-tru/", issues.archive, name="archive"),
    path("luu-tru/<int:year>/", issues.archive, name="archive_year"),
    path("tai-lieu/<int:pk>/", issues.issue_detail, name="issue"),
    path("tai-lieu/<int:pk>/pdf/", issues.issue_pdf, name="issue_pdf"),
    path("tai-lieu/<int:pk>/word/", issues.issue_word, name="issue_word"),
    path("tai-lieu/<int:pk>/da-doc/", issues.confirm_read, name="confirm_read"),
    path("tai-lieu/<int:pk>/xem-truoc/", issues.issue_preview, name="issue_preview"),
]

document_patterns = [
    path("", documents.document_list, name="list"),
    path("<int:pk>/", documents.document_detail, name="document"),
]

people_patterns = [
    path("nhan-vat/", people.person_list, name="person_list"),
    path("nhan-vat/<int:pk>/", people.person_detail, name="person"),
    path("su-kien/", people.event_list, name="event_list"),
    path("su-kien/<int:pk>/", people.event_detail, name="event"),
]

feedback_patterns = [
    path("", feedback.feedback_list, name="list"),
    path("tai-lieu/<int:pk>/", feedback.feedback_form, name="form"),
]

notice_patterns = [
    path("", notices.notice_list, name="list"),
    path("<int:pk>/mo/", notices.open_notice, name="open"),
    path("da-doc-het/", notices.read_all, name="read_all"),
    path("cai-dat/", notices.notice_settings, name="settings"),
]

urlpatterns = [
    # The worker's scope is the folder it is served from: the root, for the whole site.
    path("sw.js", offline.service_worker, name="service_worker"),
    path("manifest.webmanifest", offline.manifest, name="manifest"),
    path("ngoai-tuyen/", offline.kept, name="offline_urls"),
    path("thong-bao/", include((notice_patterns, "notices"))),
    path("gop-y/", include((feedback_patterns, "feedback"))),
    path("tim-kiem/", search.results, name="search"),
    path("van-ban/", include((document_patterns, "documents"))),
    path("", include((people_patterns, "people"))),
    path("", include((issue_patterns, "bulletins"))),
]
