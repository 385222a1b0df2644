import pytest

from learning import services
from tests.factories.learning import make_course


@pytest.fixture
def course(world):
    """A two-module course (2 lessons each, quiz in each module's last lesson), staff_a enrolled."""
    course = make_course(lesson_quiz=True, jp=6, tags=("kinerja",))
    services.enrolment_self_create(user=world.staff_a.user, course=course)
    return course
