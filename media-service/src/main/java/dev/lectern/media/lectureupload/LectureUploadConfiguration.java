package dev.lectern.media.lectureupload;

import dev.lectern.media.upload.Uploads;
import dev.lectern.servicekit.security.AuthorizationRules;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.multipart.MultipartResolver;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;
import org.springframework.web.servlet.DispatcherServlet;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LectureUploadProperties.class)
class LectureUploadConfiguration {

    static final String UPLOAD_PATH = "/api/v1/courses/*/lectures/upload";
    static final String BATCH_UPLOAD_PATH = "/api/v1/courses/*/lectures/batch-upload";
    private static final Pattern STREAMED = Pattern.compile("/api/v1/courses/[^/]+/lectures/(upload|batch-upload)/?");

    @Bean(destroyMethod = "close")
    CourseService lectureUploadCourseService(LectureUploadProperties properties, Environment environment) {
        URI url = properties.courseServiceUrl() != null ? properties.courseServiceUrl()
                : URI.create(environment.getProperty("COURSE_SERVICE_URL", "http://localhost:8082"));
        return new CourseService(url, properties.courseServiceTimeout());
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

    /**
     * Spring's standard multipart handling, except for the lecture upload endpoints: their bodies are left
     * unread for {@link LectureUploadController} to stream (the standard resolver would first store every
     * part).
     */
    @Bean(name = DispatcherServlet.MULTIPART_RESOLVER_BEAN_NAME)
    MultipartResolver multipartResolver() {
        StandardServletMultipartResolver standard = new StandardServletMultipartResolver();
        return new MultipartResolver() {
            @Override
            public boolean isMultipart(HttpServletRequest request) {
                return !isStreamed(request) && standard.isMultipart(request);
            }

            @Override
            public MultipartHttpServletRequest resolveMultipart(HttpServletRequest request) throws MultipartException {
                return standard.resolveMultipart(request);
            }

            @Override
            public void cleanupMultipart(MultipartHttpServletRequest request) {
                standard.cleanupMultipart(request);
            }
        };
    }

    static boolean isStreamed(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return STREAMED.matcher(path).matches();
    }
}
