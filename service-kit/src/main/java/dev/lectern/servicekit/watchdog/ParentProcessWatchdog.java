package dev.lectern.servicekit.watchdog;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Ends this application once the process that launched it is gone, so a local platform that dies leaves no
 * orphan JVMs. Enabled by {@code LECTERN_PARENT_PID}.
 */
public class ParentProcessWatchdog implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ParentProcessWatchdog.class);

    private final long parentPid;
    private final Duration interval;
    private final ConfigurableApplicationContext context;
    private volatile Thread thread;

    public ParentProcessWatchdog(long parentPid, Duration interval, ConfigurableApplicationContext context) {
        this.parentPid = parentPid;
        this.interval = interval;
        this.context = context;
    }

    @Override
    public void afterPropertiesSet() {
        Thread watcher = new Thread(this::watch, "lectern-parent-watchdog");
        watcher.setDaemon(true);
        thread = watcher;
        watcher.start();
        log.info("Watching parent process {}; this application exits when it ends", parentPid);
    }

    private void watch() {
        try {
            while (parentAlive()) {
                Thread.sleep(interval.toMillis());
            }
        } catch (InterruptedException e) {
            return;
        }
        log.warn("Parent process {} is gone; shutting down", parentPid);
        int code = SpringApplication.exit(context, () -> 0);
        System.exit(code);
    }

    protected boolean parentAlive() {
        return ProcessHandle.of(parentPid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public void destroy() {
        Thread watcher = thread;
        if (watcher != null && watcher != Thread.currentThread()) {
            watcher.interrupt();
        }
    }
}
