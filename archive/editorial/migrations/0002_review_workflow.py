"""«Revisión editorial»: every document goes through the moderators before it is published.

The workflow is attached to the tree's root, so it covers every page of every
site unless a section gets a workflow of its own (a nearer page wins). It
takes the root's place from Wagtail's default «Moderators approval», which
stays in the list of workflows, unattached, and comes back on reversal.
"""

from django.db import migrations

WORKFLOW = "Revisión editorial"
TASK = "Revisión por moderación"
MODERATORS = "Moderadores"
WAGTAIL_DEFAULT = "Moderators approval"


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
    task.groups.add(Group.objects.get(name=MODERATORS))

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


def remove_workflow(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    # Pages that were under review go back to draft: Wagtail's states of this
    # workflow are removed with it.
    Workflow.objects.filter(name=WORKFLOW).delete()
    GroupApprovalTask.objects.filter(name=TASK).delete()
    default = Workflow.objects.filter(name=WAGTAIL_DEFAULT).first()
    root = Page.objects.filter(depth=1).order_by("path").first()
    if default is not None and root is not None and not WorkflowPage.objects.filter(page=root).exists():
        WorkflowPage.objects.create(page=root, workflow=default)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_groups"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
