package dev.lectern.platform.e2e;

import static dev.lectern.platform.e2e.Api.bearer;
import static dev.lectern.platform.e2e.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Draft courses made through the gateway, as an instructor would. */
final class Courses {

    /** A draft course with one lecture. */
    record WithLecture(String courseId, String lectureId) {
    }

    private Courses() {
    }

    static WithLecture withLecture(Accounts.Tokens instructor, String title) {
        Api api = Api.gateway();
        Api.Response course = api.post("/api/v1/courses", json("title", title, "category", "e2e"),
                bearer(instructor.accessToken()));
        assertThat(course.status()).as(course.toString()).isEqualTo(201);
        String courseId = course.json().path("id").asString();
        Api.Response lecture = api.post("/api/v1/courses/" + courseId + "/lectures", json("title", title + " 1"),
                bearer(instructor.accessToken()));
        assertThat(lecture.status()).as(lecture.toString()).isEqualTo(201);
        return new WithLecture(courseId, lecture.json().path("id").asString());
    }
}
