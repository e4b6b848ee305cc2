package dev.lectern.infra;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MongoInstanceTest {

    @TempDir
    Path tempDir;

    @Test
    void insertedDocumentIsFound() {
        try (MongoInstance mongo = new MongoInstance()) {
            mongo.start();
            try (MongoClient client = MongoClients.create(mongo.connectionString("course"))) {
                MongoCollection<Document> courses = client.getDatabase("course").getCollection("courses");
                courses.insertOne(new Document("_id", "c1").append("title", "Java"));
                assertThat(courses.find(new Document("_id", "c1")).first().getString("title")).isEqualTo("Java");
            }
        }
    }

    @Test
    void documentsInAGivenDirectorySurviveARestart() {
        Path data = tempDir.resolve("mongo");
        try (MongoInstance mongo = new MongoInstance(0, data)) {
            mongo.start();
            try (MongoClient client = MongoClients.create(mongo.connectionString())) {
                client.getDatabase("course").getCollection("courses").insertOne(new Document("_id", "kept"));
            }
            mongo.stop();
            mongo.start();
            try (MongoClient client = MongoClients.create(mongo.connectionString())) {
                assertThat(client.getDatabase("course").getCollection("courses").countDocuments(new Document("_id", "kept")))
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void inMemoryDocumentsAreGoneAfterARestart() {
        try (MongoInstance mongo = new MongoInstance()) {
            mongo.start();
            try (MongoClient client = MongoClients.create(mongo.connectionString())) {
                client.getDatabase("course").getCollection("courses").insertOne(new Document("_id", "gone"));
            }
            mongo.stop();
            mongo.start();
            try (MongoClient client = MongoClients.create(mongo.connectionString())) {
                assertThat(client.getDatabase("course").getCollection("courses").countDocuments()).isZero();
            }
        }
    }

    @Test
    void takenPortFailsNamingThePortAndTheVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0);
             MongoInstance mongo = new MongoInstance(taken.getLocalPort(), null)) {
            assertThatThrownBy(mongo::start)
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("port " + taken.getLocalPort())
                    .hasMessageContaining("MONGO_PORT");
        }
    }
}
