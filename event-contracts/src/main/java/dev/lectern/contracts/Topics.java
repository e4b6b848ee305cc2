package dev.lectern.contracts;

/** Kafka topic names. Each topic carries one family of events, keyed by the id of the aggregate it is about. */
public final class Topics {

    /** {@link dev.lectern.contracts.user.UserEvent}s from auth-service, keyed by user id. */
    public static final String USERS = "lectern.users.v1";

    /** {@link dev.lectern.contracts.course.CourseEvent}s from course-service, keyed by course id. */
    public static final String COURSES = "lectern.courses.v1";

    /** {@link dev.lectern.contracts.enrollment.EnrollmentEvent}s from auth-service, keyed by course id. */
    public static final String ENROLLMENTS = "lectern.enrollments.v1";

    /** {@link dev.lectern.contracts.asset.AssetEvent}s from webhook-service, keyed by lecture id. */
    public static final String ASSET_LIFECYCLE = "lectern.asset-lifecycle.v1";

    /** {@link dev.lectern.contracts.progress.ProgressEvent}s from course-service, keyed by lecture id. */
    public static final String PROGRESS = "lectern.progress.v1";

    private Topics() {
    }
}
