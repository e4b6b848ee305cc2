-- Direct uploads media-service created at Mux, one row per upload.
create table uploads (
    upload_id   varchar(128) primary key,
    lecture_id  uuid         not null,
    course_id   uuid         not null,
    created_by  uuid,
    status      varchar(20)  not null,
    created_at  timestamptz  not null,
    expires_at  timestamptz  not null
);
create index uploads_lecture_idx on uploads (lecture_id);

-- Read model of courses, from lectern.courses.v1 (course_version guards against older events).
create table catalog_courses (
    course_id      uuid    primary key,
    instructor_id  uuid    not null,
    published      boolean not null,
    drm            boolean not null,
    deleted        boolean not null default false,
    course_version bigint  not null
);

-- Read model of lectures, from lectern.courses.v1.
create table catalog_lectures (
    lecture_id     uuid    primary key,
    course_id      uuid    not null,
    free_preview   boolean not null,
    removed        boolean not null default false,
    course_version bigint  not null
);
create index catalog_lectures_course_idx on catalog_lectures (course_id);

-- Read model of enrollments, from lectern.enrollments.v1: a start inserts, an end marks it ended.
create table enrollments (
    enrollment_id uuid    primary key,
    user_id       uuid    not null,
    course_id     uuid    not null,
    active        boolean not null
);
create index enrollments_user_course_idx on enrollments (user_id, course_id) where active;

-- Each lecture's video as Mux reports it, from lectern.asset-lifecycle.v1; stage only moves forward
-- (1 uploading, 2 processing, 3 ready or errored, 4 deleted) within one asset.
create table lecture_videos (
    lecture_id       uuid         primary key,
    asset_id         varchar(128),
    playback_id      varchar(128),
    playback_policy  varchar(16),
    stage            smallint     not null,
    state            varchar(16)  not null,
    updated_at       timestamptz  not null
);

-- Mux assets to delete (their lecture was removed); retried until Mux confirms.
create table asset_deletions (
    asset_id       varchar(128) primary key,
    lecture_id     uuid         not null,
    requested_at   timestamptz  not null,
    attempts       int          not null default 0,
    next_attempt_at timestamptz not null,
    last_error     varchar(500)
);

-- Transactional outbox: written with the change, published to Kafka by the relay (service-kit).
create table outbox_events (
    id           uuid primary key,
    topic        varchar(200) not null,
    event_key    varchar(200) not null,
    event_type   varchar(100) not null,
    payload      jsonb        not null,
    created_at   timestamptz  not null,
    published_at timestamptz
);
create index outbox_events_pending_idx on outbox_events (created_at) where published_at is null;
create index outbox_events_published_idx on outbox_events (published_at) where published_at is not null;
