"""The work list and calendar on the admin home (bulletins.worklist)."""

from django import template

from bulletins import provenance, worklist

register = template.Library()


@register.inclusion_tag("admin/bulletins/work_list.html", takes_context=True)
def work_list(context):
    work = worklist.work_list(context["request"].user)
    return {
        "work": work,
        "corrections": [(copy, provenance.difference_html(copy)) for copy in work.corrections],
        "at_risk_days": worklist.AT_RISK_DAYS,
    }
