package dev.lectern.platform;

import dev.lectern.infra.KafkaInstance;
import dev.lectern.infra.MongoInstance;
import dev.lectern.infra.PostgresInstance;
import dev.lectern.infra.RedisInstance;

/** Ports of the in-process infrastructure. */
public record InfraPorts(int postgres, int kafka, int kafkaController, int redis, int mongo) {

    public static InfraPorts defaults() {
        return new InfraPorts(PostgresInstance.DEFAULT_PORT, KafkaInstance.DEFAULT_PORT,
                KafkaInstance.DEFAULT_CONTROLLER_PORT, RedisInstance.DEFAULT_PORT, MongoInstance.DEFAULT_PORT);
    }
}
