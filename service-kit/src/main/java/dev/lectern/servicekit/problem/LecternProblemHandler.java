package dev.lectern.servicekit.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

/**
 * Turns every exception a controller lets escape into a problem document. Lowest precedence, so a service's
 * own advice wins for the exceptions it handles.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class LecternProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(LecternProblemHandler.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldViolation> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(new FieldViolation(JsonNames.snakeCasePath(error.getField()), messageOf(error)));
        }
        for (ObjectError error : ex.getBindingResult().getGlobalErrors()) {
            errors.add(new FieldViolation(JsonNames.snakeCasePath(error.getObjectName()), messageOf(error)));
        }
        return validationResponse(ex, errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldViolation> errors = new ArrayList<>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            if (result instanceof ParameterErrors parameterErrors && parameterErrors.hasFieldErrors()) {
                for (FieldError error : parameterErrors.getFieldErrors()) {
                    errors.add(new FieldViolation(JsonNames.snakeCasePath(error.getField()), messageOf(error)));
                }
                continue;
            }
            String name = clientNameOf(result.getMethodParameter());
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                errors.add(new FieldViolation(name, messageOf(error)));
            }
        }
        return validationResponse(ex, errors, headers, request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, WebRequest request) {
        List<FieldViolation> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : ex.getConstraintViolations()) {
            String leaf = null;
            for (Path.Node node : violation.getPropertyPath()) {
                leaf = node.getName();
            }
            errors.add(new FieldViolation(JsonNames.snakeCasePath(leaf), violation.getMessage()));
        }
        return validationResponse(ex, errors, new HttpHeaders(), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        JacksonException jackson = findCause(ex, JacksonException.class);
        if (jackson != null && !(jackson instanceof StreamReadException)) {
            String field = JsonNames.pathOf(jackson);
            if (field != null) {
                return validationResponse(ex, List.of(new FieldViolation(field, invalidValueMessage(jackson))),
                        headers, request);
            }
        }
        String detail = jackson == null && ex.getMessage() != null && ex.getMessage().startsWith("Required request body")
                ? "The request body is missing."
                : "The request body is not a valid JSON document of the expected shape.";
        ProblemDetail problem = Problems.create(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", detail);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch
                ? clientNameOf(mismatch.getParameter())
                : ex.getPropertyName();
        String message = describeExpected(ex.getRequiredType());
        return validationResponse(ex, List.of(new FieldViolation(name, message)), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return validationResponse(ex, List.of(new FieldViolation(ex.getParameterName(), "is required")), headers,
                request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        return notFound(ex, ex.getHttpMethod().name(), "/" + ex.getResourcePath(), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(NoHandlerFoundException ex, HttpHeaders headers,
                                                                   HttpStatusCode status, WebRequest request) {
        return notFound(ex, ex.getHttpMethod(), ex.getRequestURL(), headers, request);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> handleAuthentication(AuthenticationException ex, WebRequest request) {
        ProblemDetail problem = Problems.create(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                "A valid bearer token is required.");
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.UNAUTHORIZED, request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> handleAccessDenied(AccessDeniedException ex, WebRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            return handleAuthentication(null, request);
        }
        ProblemDetail problem = Problems.create(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "You are not allowed to do this.");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.FORBIDDEN, request);
    }

    /** Anything unforeseen: logged in full with the request id, answered with nothing internal. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, HttpServletRequest servletRequest, WebRequest request) {
        ProblemDetail problem = Problems.complete(Problems.create(HttpStatus.INTERNAL_SERVER_ERROR, "internal",
                "Internal error", "An unexpected error occurred. Quote the request id if you report it."));
        log.error("Unexpected error on {} {} (request_id={})", servletRequest.getMethod(),
                servletRequest.getRequestURI(), problem.getProperties().get(Problems.REQUEST_ID), ex);
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            Problems.complete(problem);
            if (statusCode.is5xxServerError() && !(problem.getType() != null
                    && problem.getType().toString().startsWith(Problems.TYPE_PREFIX + "internal"))) {
                log.warn("Answered {} on {}: {}", statusCode.value(), request.getDescription(false), problem.getDetail());
            }
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private ResponseEntity<Object> validationResponse(Exception ex, List<FieldViolation> errors, HttpHeaders headers,
                                                      WebRequest request) {
        String detail = errors.size() == 1
                ? "The request has 1 invalid value."
                : "The request has " + errors.size() + " invalid values.";
        return handleExceptionInternal(ex, Problems.validation(detail, errors), headers, HttpStatus.BAD_REQUEST, request);
    }

    private ResponseEntity<Object> notFound(Exception ex, String method, String path, HttpHeaders headers,
                                            WebRequest request) {
        ProblemDetail problem = Problems.create(HttpStatus.NOT_FOUND, "not-found", "Not found",
                "No endpoint " + method + " " + path + ".");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.NOT_FOUND, request);
    }

    private static String messageOf(MessageSourceResolvable error) {
        return error.getDefaultMessage() != null ? error.getDefaultMessage() : "is invalid";
    }

    /** The name the client used for a parameter: the annotation's name if any, else the Java name. */
    private static String clientNameOf(MethodParameter parameter) {
        RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
        if (requestParam != null && !requestParam.name().isEmpty()) {
            return requestParam.name();
        }
        PathVariable pathVariable = parameter.getParameterAnnotation(PathVariable.class);
        if (pathVariable != null && !pathVariable.name().isEmpty()) {
            return pathVariable.name();
        }
        RequestHeader requestHeader = parameter.getParameterAnnotation(RequestHeader.class);
        if (requestHeader != null && !requestHeader.name().isEmpty()) {
            return requestHeader.name();
        }
        String name = parameter.getParameterName();
        return name != null ? JsonNames.snakeCasePath(name) : "arg" + parameter.getParameterIndex();
    }

    private static String invalidValueMessage(JacksonException e) {
        if (e instanceof tools.jackson.databind.exc.MismatchedInputException mismatch
                && mismatch.getTargetType() != null) {
            return describeExpected(mismatch.getTargetType());
        }
        return "has an invalid value";
    }

    private static String describeExpected(Class<?> type) {
        if (type == null) {
            return "has an invalid value";
        }
        if (type.isEnum()) {
            String values = Arrays.stream(type.getEnumConstants())
                    .map(constant -> constant.toString().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            return "must be one of: " + values;
        }
        return switch (type.getSimpleName()) {
            case "UUID" -> "must be a UUID";
            case "LocalDate" -> "must be a date (YYYY-MM-DD)";
            case "Instant", "OffsetDateTime" -> "must be a timestamp (ISO 8601)";
            case "int", "Integer", "long", "Long", "short", "Short" -> "must be an integer";
            case "boolean", "Boolean" -> "must be true or false";
            case "double", "Double", "float", "Float", "BigDecimal" -> "must be a number";
            case "String" -> "must be a string";
            default -> "has an invalid value";
        };
    }

    private static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
