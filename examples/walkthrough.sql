-- The SPEC §1 walk-through, from the repository root, with DATA = ../shared/data/mnist/50_per_index.
-- The local COPY writes out/mnist_preds (delete it, or add OVERWRITE true, to run the script again). The
-- SPEC's S3 COPY is the last line, commented out: it needs an S3 endpoint and a bucket named 'bucket'
-- (README, S3); S3WalkthroughTest runs it (WalkthroughScript turns '-- s3: ' lines into statements).
SELECT * FROM read_images('../shared/data/mnist/50_per_index', include_paths => true) LIMIT 3;
DESCRIBE SELECT * FROM read_images('../shared/data/mnist/50_per_index', include_paths => true);

CREATE FUNCTION normalize AS 'example.Normalize' USING JAR 'examples/mnist-udfs/target/mnist-udfs.jar';
SELECT normalize(image) AS image FROM read_images('../shared/data/mnist/50_per_index') LIMIT 10;

SELECT CAST(split_part(path, '/', -2) AS INT) AS label, path FROM read_images('../shared/data/mnist/50_per_index', include_paths => true) LIMIT 5;

CREATE FUNCTION classify AS 'example.MnistClassifier' USING JAR 'examples/mnist-udfs/target/mnist-udfs.jar'
  WITH (model_path = '../shared/data/mnist/model/model.pt', batch_size = 100, concurrency = '1..4', num_cpus = 1);

CREATE TABLE preds AS
  SELECT path, CAST(split_part(path, '/', -2) AS INT) AS label, classify(normalize(image)) AS predicted_label
  FROM read_images('../shared/data/mnist/50_per_index', include_paths => true);

SELECT label, AVG(CASE WHEN predicted_label = label THEN 1.0 ELSE 0.0 END) AS accuracy
  FROM preds GROUP BY label ORDER BY label;
SELECT COUNT(*), MIN(label), MAX(label), AVG(label), SUM(label), STDDEV(label) FROM preds;
SELECT * FROM read_images('../shared/data/mnist/50_per_index', include_paths => true, shuffle => 'files') LIMIT 5;
SELECT * FROM preds ORDER BY RANDOM() LIMIT 5;

COPY (SELECT * FROM preds) TO 'out/mnist_preds' (FORMAT parquet);
-- s3: COPY preds TO 's3://bucket/mnist_preds' (FORMAT parquet, PARTITION_BY (label));
