package dev.lectern.course.course;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.course.ServiceUnderTest;
import dev.lectern.testkit.ServiceClient.Caller;
import dev.lectern.testkit.ServiceClient.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CourseApiTest extends ServiceUnderTest {

    final Caller owner = Caller.instructor();
    final String category = "cat-" + UUID.randomUUID();

    private String createCourse(Caller caller, String title) {
        Response created = api.post(caller, "/api/v1/courses", Map.of("title", title, "description", "About " + title,
                "category", category, "subcategory", "basics", "premium", false, "tags", List.of("java")));
        assertThat(created.status()).isEqualTo(201);
        return created.text("id");
    }

    private String addLecture(Caller caller, String courseId, String title) {
        Response created = api.post(caller, "/api/v1/courses/" + courseId + "/lectures",
                Map.of("title", title, "description", "d", "category", "c", "subcategory", "s", "free_preview", false));
        assertThat(created.status()).isEqualTo(201);
        return created.text("id");
    }

    private String publishedCourse(String title) {
        String id = createCourse(owner, title);
        addLecture(owner, id, "Intro");
        assertThat(api.post(owner, "/api/v1/courses/" + id + "/publish", null).status()).isEqualTo(200);
        return id;
    }

    @Test
    void instructorCreatesDraftOwnedByThem() {
        Response created = api.post(owner, "/api/v1/courses", Map.of("title", "Kafka for video", "category", category,
                "premium", true, "tags", List.of("kafka")));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo("draft");
        assertThat(created.text("instructor_id")).isEqualTo(owner.id().toString());
        assertThat(created.body().path("premium").asBoolean()).isTrue();
        assertThat(created.body().path("lecture_count").asInt()).isZero();
    }

    @Test
    void draftIsHiddenFromEveryoneButOwnerAndAdmins() {
        String id = createCourse(owner, "Secret draft");

        assertThat(api.get(Caller.anonymous(), "/api/v1/courses/" + id).status()).isEqualTo(404);
        assertThat(api.get(Caller.student(), "/api/v1/courses/" + id).status()).isEqualTo(404);
        assertThat(api.get(Caller.instructor(), "/api/v1/courses/" + id).status()).isEqualTo(404);
        assertThat(api.get(owner, "/api/v1/courses/" + id).status()).isEqualTo(200);
        assertThat(api.get(Caller.admin(), "/api/v1/courses/" + id).status()).isEqualTo(200);
    }

    @Test
    void studentCannotCreateCourses() {
        Response response = api.post(Caller.student(), "/api/v1/courses", Map.of("title", "x", "category", category));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anonymousCannotCreateCourses() {
        assertThat(api.post(Caller.anonymous(), "/api/v1/courses", Map.of("title", "x", "category", category)).status())
                .isEqualTo(401);
    }

    @Test
    void otherInstructorsAndStudentsGet403OnEveryWrite() {
        String id = publishedCourse("Owned");
        String lectureId = addLecture(owner, id, "Second");

        for (Caller intruder : List.of(Caller.instructor(), Caller.student())) {
            assertThat(api.patch(intruder, "/api/v1/courses/" + id, Map.of("title", "Mine now")).status()).isEqualTo(403);
            assertThat(api.delete(intruder, "/api/v1/courses/" + id).status()).isEqualTo(403);
            assertThat(api.post(intruder, "/api/v1/courses/" + id + "/unpublish", null).status()).isEqualTo(403);
            assertThat(api.post(intruder, "/api/v1/courses/" + id + "/lectures", Map.of("title", "x")).status())
                    .isEqualTo(403);
            assertThat(api.patch(intruder, "/api/v1/courses/" + id + "/lectures/" + lectureId, Map.of("title", "x"))
                    .status()).isEqualTo(403);
            assertThat(api.delete(intruder, "/api/v1/courses/" + id + "/lectures/" + lectureId).status()).isEqualTo(403);
        }
        assertThat(api.get(Caller.anonymous(), "/api/v1/courses/" + id).text("title")).isEqualTo("Owned");
    }

    @Test
    void adminMayChangeAnyCourse() {
        String id = createCourse(owner, "Needs fixing");

        Response patched = api.patch(Caller.admin(), "/api/v1/courses/" + id, Map.of("title", "Fixed"));

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.text("title")).isEqualTo("Fixed");
    }

    @Test
    void publishingNeedsAtLeastOneLecture() {
        String id = createCourse(owner, "Empty");

        Response response = api.post(owner, "/api/v1/courses/" + id + "/publish", null);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void catalogListsOnlyPublishedCoursesWithPaginationAndFilters() {
        String first = publishedCourse("Adaptive bitrate streaming");
        String second = publishedCourse("Signed playback tokens");
        createCourse(owner, "Unpublished draft");

        Response page1 = api.get(Caller.anonymous(), "/api/v1/courses?category=" + category + "&size=1&page=1&sort=title");
        assertThat(page1.status()).isEqualTo(200);
        assertThat(page1.body().path("total_items").asInt()).isEqualTo(2);
        assertThat(page1.body().path("total_pages").asInt()).isEqualTo(2);
        assertThat(page1.body().path("page").asInt()).isEqualTo(1);
        assertThat(page1.body().path("size").asInt()).isEqualTo(1);
        assertThat(ids(page1)).containsExactly(first);
        assertThat(ids(api.get(Caller.anonymous(), "/api/v1/courses?category=" + category + "&size=1&page=2&sort=title")))
                .containsExactly(second);

        assertThat(ids(api.get(Caller.anonymous(), "/api/v1/courses?category=" + category + "&q=SIGNED")))
                .containsExactly(second);
        assertThat(ids(api.get(Caller.anonymous(), "/api/v1/courses?category=" + category + "&q=about%20adaptive")))
                .containsExactly(first);
        assertThat(ids(api.get(Caller.anonymous(), "/api/v1/courses?instructor_id=" + owner.id())))
                .containsExactlyInAnyOrder(first, second);
        assertThat(ids(api.get(Caller.anonymous(), "/api/v1/courses?instructor_id=" + UUID.randomUUID()))).isEmpty();
    }

    @Test
    void instructorListsOwnCoursesDraftsIncluded() {
        Caller instructor = Caller.instructor();
        String draft = createCourse(instructor, "Mine, draft");

        Response mine = api.get(instructor, "/api/v1/instructor/courses");

        assertThat(ids(mine)).containsExactly(draft);
        assertThat(api.get(Caller.student(), "/api/v1/instructor/courses").status()).isEqualTo(403);
    }

    @Test
    void unpublishedCourseLeavesTheCatalog() {
        String id = publishedCourse("Soon gone");

        api.post(owner, "/api/v1/courses/" + id + "/unpublish", null);

        assertThat(ids(api.get(Caller.anonymous(), "/api/v1/courses?category=" + category))).isEmpty();
        assertThat(api.get(Caller.anonymous(), "/api/v1/courses/" + id).status()).isEqualTo(404);
    }

    @Test
    void deletedCourseIsGone() {
        String id = publishedCourse("Deleted");

        assertThat(api.delete(owner, "/api/v1/courses/" + id).status()).isEqualTo(204);

        assertThat(api.get(owner, "/api/v1/courses/" + id).status()).isEqualTo(404);
        assertThat(api.delete(owner, "/api/v1/courses/" + id).status()).isEqualTo(404);
    }

    @Test
    void unknownIdsAre404AndMalformedIds400() {
        assertThat(api.get(Caller.anonymous(), "/api/v1/courses/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.patch(owner, "/api/v1/courses/" + UUID.randomUUID(), Map.of("title", "x")).status()).isEqualTo(404);
        assertThat(api.get(Caller.anonymous(), "/api/v1/courses/not-a-uuid").status()).isEqualTo(400);
        String id = createCourse(owner, "Has no such lecture");
        assertThat(api.delete(owner, "/api/v1/courses/" + id + "/lectures/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void badPaginationIs400WithTheField() {
        for (String query : List.of("size=101", "size=0", "page=0", "page=abc", "sort=cheapest", "instructor_id=42")) {
            Response response = api.get(Caller.anonymous(), "/api/v1/courses?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.contentType()).as(query).startsWith("application/problem+json");
        }
    }

    @Test
    void operatorInjectionAttemptsAre400() {
        for (String query : List.of("q=%7B%22%24gt%22%3A%22%22%7D", "category=%24where", "category%5B%24ne%5D=x",
                "q=%24where")) {
            Response response = api.get(Caller.anonymous(), "/api/v1/courses?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
        }
        Response objectForString = api.post(owner, "/api/v1/courses", "{\"title\":{\"$gt\":\"\"},\"category\":\"c\"}");
        assertThat(objectForString.status()).isEqualTo(400);
    }

    @Test
    void invalidCourseBodyNamesTheFields() {
        Response response = api.post(owner, "/api/v1/courses", Map.of("title", " ", "premium", false));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("errors").findValuesAsString("field")).contains("title", "category");
    }

    private static List<String> ids(Response response) {
        assertThat(response.status()).isEqualTo(200);
        JsonNode items = response.body().path("items");
        return items.valueStream().map(item -> item.path("id").asString()).toList();
    }
}
