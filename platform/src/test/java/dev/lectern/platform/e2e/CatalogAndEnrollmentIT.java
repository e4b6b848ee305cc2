package dev.lectern.platform.e2e;

import static dev.lectern.platform.e2e.Api.bearer;
import static dev.lectern.platform.e2e.Api.json;
import static dev.lectern.platform.e2e.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.platform.e2e.Accounts.Account;
import dev.lectern.platform.e2e.Accounts.Tokens;
import dev.lectern.testkit.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Courses, the catalog and enrollment, through the gateway on the real platform (issue: catalog and enrollment). */
class CatalogAndEnrollmentIT {

    private static final Duration EVENTUAL = Duration.ofSeconds(30);

    private final String category = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    private final Tokens instructor = Accounts.login(Accounts.register("instructor"));

    @Test
    void instructorBuildsAndPublishesACourseThatTheCatalogPagesFiltersAndSearches() {
        String first = publishedCourse("Adaptive streaming basics", false);
        String second = publishedCourse("Signed playback in depth", false);
        String draft = course("Still a draft", false);
        Api api = Api.gateway();

        var edited = api.patch("/api/v1/courses/" + first, json("description", "HLS ladders explained"),
                bearer(instructor.accessToken()));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);

        JsonNode page1 = ok(api.get("/api/v1/courses?category=" + category + "&size=1&page=1&sort=title"));
        assertThat(page1.path("total_items").asInt()).isEqualTo(2);
        assertThat(page1.path("total_pages").asInt()).isEqualTo(2);
        assertThat(ids(page1)).containsExactly(first);
        assertThat(ids(ok(api.get("/api/v1/courses?category=" + category + "&size=1&page=2&sort=title"))))
                .containsExactly(second);
        assertThat(ids(ok(api.get("/api/v1/courses?category=" + category + "&q=ladders")))).containsExactly(first);
        assertThat(ids(ok(api.get("/api/v1/courses?category=" + category + "&q=SIGNED")))).containsExactly(second);
        assertThat(ids(ok(api.get("/api/v1/courses?category=" + category)))).doesNotContain(draft);
        assertThat(api.get("/api/v1/courses/" + draft).status()).isEqualTo(404);
        assertThat(ids(ok(api.get("/api/v1/instructor/courses?size=10", bearer(instructor.accessToken())))))
                .contains(first, second, draft);
    }

    @Test
    void studentEnrollsAndSeesTheCourseUnderMeCourses() {
        String courseId = publishedCourse("Enrollable", false);
        Tokens student = Accounts.login(Accounts.register("student"));
        Api api = Api.gateway();

        Api.Response enrolled = enroll(api, student, courseId);
        assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(201);
        assertThat(enrolled.json().path("course_id").asString()).isEqualTo(courseId);

        Eventually.assertThat(EVENTUAL, () -> assertThat(ids(ok(api.get("/api/v1/me/courses",
                bearer(student.accessToken()))))).containsExactly(courseId));
        assertProblem(api.post("/api/v1/subscriptions", json("course_id", courseId), bearer(student.accessToken())),
                409, "conflict");

        JsonNode lectures = ok(api.get("/api/v1/courses/" + courseId + "/lectures", bearer(student.accessToken())));
        assertThat(lectures.get(0).path("video_state").asString()).isEqualTo("awaiting_upload");
        JsonNode outline = ok(api.get("/api/v1/courses/" + courseId + "/lectures"));
        assertThat(outline.get(0).has("video_state")).isFalse();
    }

    @Test
    void premiumCourseNeedsAnEntitlementAnAdminGrants() {
        String courseId = publishedCourse("Premium masterclass", true);
        Account studentAccount = Accounts.register("student");
        Tokens student = Accounts.login(studentAccount);
        Api api = Api.gateway();

        assertProblem(enroll(api, student, courseId), 403, "entitlement-required");

        var granted = api.post("/api/v1/admin/entitlements", json("user_id", studentAccount.id(), "course_id", courseId),
                bearer(Accounts.admin().accessToken()));
        assertThat(granted.status()).as(granted.toString()).isEqualTo(201);

        assertThat(api.post("/api/v1/subscriptions", json("course_id", courseId), bearer(student.accessToken())).status())
                .isEqualTo(201);
    }

    @Test
    void othersCannotWriteSomeoneElsesCourse() {
        String courseId = publishedCourse("Mine", false);
        Tokens otherInstructor = Accounts.login(Accounts.register("instructor"));
        Tokens student = Accounts.login(Accounts.register("student"));
        Api api = Api.gateway();

        for (Tokens intruder : List.of(otherInstructor, student)) {
            assertProblem(api.patch("/api/v1/courses/" + courseId, json("title", "Taken"), bearer(intruder.accessToken())),
                    403, "forbidden");
            assertProblem(api.send("DELETE", "/api/v1/courses/" + courseId, null, bearer(intruder.accessToken())),
                    403, "forbidden");
            assertProblem(api.post("/api/v1/courses/" + courseId + "/lectures", json("title", "x"),
                    bearer(intruder.accessToken())), 403, "forbidden");
        }
        assertProblem(api.post("/api/v1/courses", json("title", "x", "category", category),
                bearer(student.accessToken())), 403, "forbidden");
        assertProblem(api.post("/api/v1/subscriptions", json("course_id", courseId),
                bearer(otherInstructor.accessToken())), 403, "forbidden");
    }

    @Test
    void unknownIdsAre404() {
        Tokens student = Accounts.login(Accounts.register("student"));
        Api api = Api.gateway();
        String unknown = UUID.randomUUID().toString();

        assertProblem(api.get("/api/v1/courses/" + unknown), 404, "not-found");
        assertProblem(api.patch("/api/v1/courses/" + unknown, json("title", "x"), bearer(instructor.accessToken())),
                404, "not-found");
        assertProblem(api.post("/api/v1/subscriptions", json("course_id", unknown), bearer(student.accessToken())),
                404, "not-found");
    }

    @Test
    void badPaginationAndInjectionAttemptsAre400() {
        Api api = Api.gateway();

        for (String query : List.of("size=101", "page=0", "size=abc", "sort=cheapest", "instructor_id=1",
                "category%5B%24ne%5D=x", "q=%7B%22%24gt%22%3A%22%22%7D", "category=%24where")) {
            Api.Response response = api.get("/api/v1/courses?" + query);
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        Api.Response objectAsTitle = api.send("POST", "/api/v1/courses",
                json("title", json("$gt", ""), "category", category), bearer(instructor.accessToken()));
        assertThat(objectAsTitle.status()).as(objectAsTitle.toString()).isEqualTo(400);
    }

    /** auth-service learns of the publication from Kafka: until then the course is unknown to it (404). */
    private Api.Response enroll(Api api, Tokens student, String courseId) {
        Api.Response[] last = new Api.Response[1];
        Eventually.assertThat(EVENTUAL, () -> {
            last[0] = api.post("/api/v1/subscriptions", json("course_id", courseId), bearer(student.accessToken()));
            assertThat(last[0].status()).as(last[0].toString()).isNotEqualTo(404);
        });
        return last[0];
    }

    private String course(String title, boolean premium) {
        Api.Response created = Api.gateway().post("/api/v1/courses", json("title", title, "description", "About " + title,
                "category", category, "subcategory", "video", "premium", premium, "tags", List.of("e2e")),
                bearer(instructor.accessToken()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("status").asString()).isEqualTo("draft");
        return created.json().path("id").asString();
    }

    private String publishedCourse(String title, boolean premium) {
        String id = course(title, premium);
        Api api = Api.gateway();
        for (String lecture : List.of("Welcome", "Going deeper")) {
            var added = api.post("/api/v1/courses/" + id + "/lectures", json("title", lecture, "free_preview", false),
                    bearer(instructor.accessToken()));
            assertThat(added.status()).as(added.toString()).isEqualTo(201);
        }
        var published = api.post("/api/v1/courses/" + id + "/publish", null, bearer(instructor.accessToken()));
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        return id;
    }

    private static JsonNode ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<String> ids(JsonNode page) {
        return page.path("items").valueStream().map(item -> item.path("id").asString()).toList();
    }
}
