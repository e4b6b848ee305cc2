package dev.lectern.media.lectureupload;

import dev.lectern.media.upload.Uploads;
import dev.lectern.servicekit.security.AuthorizationRules;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LectureUploadProperties.class)
class LectureUploadConfiguration {

    static final String UPLOAD_PATH = "/api/v1/courses/*/lectures/upload";
    static final String BATCH_UPLOAD_PATH = "/api/v1/courses/*/lectures/batch-upload";

    @Bean(destroyMethod = "close")
    CourseService lectureUploadCourseService(LectureUploadProperties properties, RestClient.Builder rest) {
        return new CourseService(rest, properties.courseServiceUrl(), properties.courseServiceTimeout());
    }

    @Bean(destroyMethod = "close")
    MuxFileSender muxFileSender(LectureUploadProperties properties) {
        return new MuxFileSender(properties);
    }

    @Bean
    LectureFileUploads lectureFileUploads(CourseService lectureUploadCourseService, Uploads uploads,
                                          MuxFileSender muxFileSender, LectureUploadProperties properties) {
        return new LectureFileUploads(lectureUploadCourseService, uploads, muxFileSender, properties);
    }

    /** Students (and anyone but instructors and admins) get 403 before their body is read. */
    @Bean
    AuthorizationRules lectureUploadAuthorization() {
        return rules -> rules.requestMatchers(HttpMethod.POST, UPLOAD_PATH, BATCH_UPLOAD_PATH)
                .hasAnyRole("INSTRUCTOR", "ADMIN");
    }
}
