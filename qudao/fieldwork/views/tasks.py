from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from .. import services
from ..choices import OPEN_TASK
from ..filtersets import WorkTaskFilterSet
from ..forms import TaskCompleteForm, TaskForm
from ..selectors import assignable_people, work_tasks_visible_to
from ..tables import WorkTaskTable
from ._base import (
    CardListView,
    CreateFormView,
    DetailView,
    FieldFormView,
    StoredFileView,
    can_work,
    photo_file,
)


class TaskListView(CardListView):
    scope = staticmethod(work_tasks_visible_to)
    filterset_class = WorkTaskFilterSet
    table_class = WorkTaskTable
    title = gettext_lazy("Work tasks")
    card_template = "fieldwork/_task_card.html"
    actions = ((gettext_lazy("Assign a task"), "fieldwork:task_create", can_work),)


class TaskDetailView(DetailView):
    scope = staticmethod(work_tasks_visible_to)
    template_name = "fieldwork/task_detail.html"
    fields = ("title", "description", "assignee", "assigned_by", "due_on", "status", "evidence_note", "completed_at",
              "escalated_to", "escalated_at", "meeting")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        task = self.object
        context.update(photos=task.photos.all(),
                       can_complete=task.status in OPEN_TASK and task.assignee_id == self.request.user.pk)
        return context


class TaskCreateView(CreateFormView):
    scope = staticmethod(work_tasks_visible_to)
    form_class = TaskForm
    title = gettext_lazy("Assign a task")

    def form_kwargs(self):
        return {"querysets": {"assignee": assignable_people(self.request.user)}}

    def create(self, **data):
        return services.task_assign(by=self.request.user, **data)


class TaskCompleteView(FieldFormView):
    scope = staticmethod(work_tasks_visible_to)
    permission = staticmethod(lambda user: user.is_authenticated and not user.is_agent_user)
    form_class = TaskCompleteForm
    title = gettext_lazy("Complete with evidence")
    submit_label = gettext_lazy("Complete")

    def perform(self, form):
        return services.task_complete(task=self.object, by=self.request.user, **form.cleaned_data)


class TaskPhotoView(StoredFileView):
    scope = staticmethod(work_tasks_visible_to)
    kwarg = "photo_uuid"

    def file_of(self, task, key):
        return photo_file(get_object_or_404(task.photos, uuid=key), self.request)
